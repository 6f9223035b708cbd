// CPU profiles of every service of the order pipeline under a burst, summarised per process as markdown:
// self time by package and Conveyor function, the suspects, and what an idle spell costs.
// Usage: node test/bench/profile-pipeline.ts [--orders=300] [--concurrency=20] [--idle-seconds=5]
//        [--no-baseline] [--out=<file.md>] | --from=<profile dir of an earlier run> [--out=<file.md>]
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveServers, SERVER_SPECS } from '../support/index.ts';
import { pipelineReport } from './profiling/pipeline-report.ts';
import { loadRun, saveRun, type SavedRun } from './profiling/saved-run.ts';
import { stackBurst } from './profiling/stack-burst.ts';

const progress = (line: string) => process.stderr.write(`[profile] ${line}\n`);
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const out = flag('out', '/tmp/pipeline-profile.md');
const from = flag('from', '');

async function profiledRun(): Promise<{ profileDir: string; saved: SavedRun }> {
  const orders = Number(flag('orders', '300'));
  const concurrency = Number(flag('concurrency', '20'));
  const burst = { orders, concurrency, idleSeconds: Number(flag('idle-seconds', '5')), progress };
  const startedAt = new Date();
  const servers = await resolveServers();
  try {
    // The service processes read these, as in the bench (run.ts).
    process.env[SERVER_SPECS.rabbitmq.envVar] = servers.amqpUrl;
    process.env[SERVER_SPECS.mongodb.envVar] = servers.mongoUrl;
    process.env[SERVER_SPECS.nats.envVar] = servers.natsUrl;
    for (const line of servers.report) progress(line);
    // The profiler costs CPU of its own (a sampling thread, stack walks): an unprofiled run of the
    // same burst gives the CPU per order that the profiles' shares are applied to.
    const baseline = args.includes('--no-baseline') ? undefined : await stackBurst(burst);
    const profileDir = await mkdtemp(join(tmpdir(), 'conveyor-cpu-prof-'));
    const run = await stackBurst({ ...burst, profileDir });
    const saved = { startedAt, orders, concurrency, serverReport: servers.report, run, baseline };
    await saveRun(profileDir, saved);
    return { profileDir, saved };
  } finally {
    await servers.stop();
  }
}

const { profileDir, saved } =
  from === '' ? await profiledRun() : { profileDir: from, saved: await loadRun(from) };
await writeFile(out, await pipelineReport(profileDir, saved));
progress(`wrote ${out}`);
