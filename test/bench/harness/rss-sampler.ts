// Samples the resident set size (VmRSS in /proc/<pid>/status) of named processes while a load runs
// and keeps each one's maximum. Linux only; elsewhere every figure stays NaN.
import { readFile } from 'node:fs/promises';

export interface RssSampler {
  /** Stops sampling (after one last sample) and returns each process's peak RSS in MiB. Idempotent. */
  stop(): Promise<Record<string, number>>;
}

export async function readRssBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined; // the process is gone, or there is no /proc: no sample
  }
}

export function sampleRss(processes: ReadonlyMap<string, number>, intervalMs = 250): RssSampler {
  const peaks = new Map<string, number>([...processes.keys()].map((name) => [name, Number.NaN]));
  let sampling: Promise<void> = Promise.resolve();
  const sampleAll = async () => {
    for (const [name, pid] of processes) {
      const bytes = await readRssBytes(pid);
      const peak = peaks.get(name) ?? Number.NaN;
      if (bytes !== undefined && !(bytes <= peak)) peaks.set(name, bytes);
    }
  };
  const sampleOnce = () => {
    sampling = sampling.then(sampleAll);
  };
  sampleOnce();
  const timer = setInterval(sampleOnce, intervalMs);
  let stopping: Promise<Record<string, number>> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        sampleOnce();
        await sampling;
        return Object.fromEntries([...peaks].map(([name, bytes]) => [name, bytes / 1024 / 1024]));
      })()),
  };
}
