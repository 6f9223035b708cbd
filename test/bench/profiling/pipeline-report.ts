// Turns a saved pipeline run and its profiles into the markdown report: each process's burst and idle
// windows analysed, the CPU figures of the profiled and unprofiled runs beside them.
import { loadavg } from 'node:os';
import { summarizeProfile } from '../profile-summary.ts';
import { renderReport, type ProcessReport } from './markdown.ts';
import { readProfiles } from './profile-files.ts';
import type { TimeWindow } from './profile-samples.ts';
import type { SavedRun } from './saved-run.ts';
import { analyzeWindow } from './window-analysis.ts';

export async function pipelineReport(profileDir: string, saved: SavedRun): Promise<string> {
  const { run, baseline } = saved;
  const profiles = await readProfiles(profileDir, run.names);
  const missing = [...run.names.values()].filter(
    (name) => !profiles.some((profile) => profile.name === name),
  );
  const reports: ProcessReport[] = profiles.map(({ name, profile }) => ({
    name,
    burst: analyzeWindow(profile, run.burst),
    burstFunctions: summarizeProfile(profile, 'libs/', { window: run.burst, excludeIdle: true }).functions,
    idle: analyzeWindow(profile, run.idle),
    procBurstMs: run.procBurstMs.get(name),
    procIdleMs: run.procIdleMs.get(name),
    baselineBurstMs: baseline?.procBurstMs.get(name),
    baselineIdleMs: baseline?.procIdleMs.get(name),
  }));
  const seconds = (window: TimeWindow) => (window.toUs - window.fromUs) / 1e6;
  return renderReport(
    {
      startedAt: saved.startedAt,
      orders: saved.orders,
      concurrency: saved.concurrency,
      accepted: run.outcome.accepted,
      completed: run.outcome.completed,
      burstSeconds: seconds(run.burst),
      idleSeconds: seconds(run.idle),
      commands: run.commands,
      notes: [
        `Node ${process.version}, load average when summarised ${loadavg()
          .map((load) => load.toFixed(2))
          .join(' ')} (a shared 2-core machine: compare ms per order and shares, not rates).`,
        `Profiles: ${profileDir}.`,
        `Burst window: first submission → the services quiet again (≤ 10 % of a core together over 250 ms); ` +
          `every order was terminal ${run.terminalSeconds.toFixed(1)} s in, the rest is the tail (mails, outbox). ` +
          'Idle window: right after, before the stack is stopped.',
        "Busy ms are the profiles' non-(idle) samples, which count wall time: a process waiting for a core " +
          'is sampled where it stands. Shares (%) come from the samples; CPU ms/order apply them to the ' +
          (baseline === undefined
            ? "process's /proc CPU time over the same window (which includes the profiler's own sampling thread)."
            : `/proc CPU time of the same process in an unprofiled run of the same burst (${baseline.outcome.completed} ` +
              `completed; terminal after ${baseline.terminalSeconds.toFixed(1)} s, quiet after ${seconds(baseline.burst).toFixed(1)} s).`),
        ...saved.serverReport,
        ...(missing.length === 0
          ? []
          : [`no profile from: ${missing.join(', ')} (killed before it exited?)`]),
      ],
    },
    reports,
  );
}
