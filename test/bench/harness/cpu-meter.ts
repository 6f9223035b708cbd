// CPU time spent during a run by this process and by each local server (RabbitMQ's beam.smp, Redis,
// the FerretDB test server, PostgreSQL's processes), read from /proc/<pid>/stat. On a shared 2-core
// machine throughput moves with the neighbours' load; CPU per message moves much less, and it shows
// which process a scenario is limited by. Linux only; elsewhere the servers' figures are absent. Other
// test runs on the machine may start FerretDB servers of their own: when this process started FerretDB
// itself (the test rig, the SQLite backend), only its own children count.
import { readdir, readFile } from 'node:fs/promises';

/** /proc/<pid>/comm (15 characters at most) → the name a figure is reported under. */
const serverCommands: Readonly<Record<string, string>> = {
  'beam.smp': 'rabbitmq',
  'redis-server': 'redis',
  'conveyor-ferret': 'ferretdb',
  postgres: 'postgresql',
};

export type CpuSeconds = Record<string, number>;

export interface CpuMeter {
  /** CPU seconds each process group used since the meter started: `bench` is this process. */
  stop(): Promise<CpuSeconds>;
}

export async function startCpuMeter(): Promise<CpuMeter> {
  const ownStart = process.cpuUsage();
  const serversStart = await serverCpuTicks();
  return {
    async stop() {
      const serversEnd = withoutForeignFerretdb(await serverCpuTicks());
      const own = process.cpuUsage(ownStart);
      const figures: CpuSeconds = { bench: (own.user + own.system) / 1e6 };
      for (const [pid, end] of serversEnd) {
        // A process that started during the run (a PostgreSQL backend) counts from zero.
        const used = end.ticks - (serversStart.get(pid)?.ticks ?? 0);
        figures[end.group] = (figures[end.group] ?? 0) + used / clockTicksPerSecond;
      }
      return figures;
    },
  };
}

/** USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable from Node). */
export const clockTicksPerSecond = 100;

interface ProcessTicks {
  group: string;
  ticks: number;
  parentPid: number;
}

function withoutForeignFerretdb(ticks: Map<number, ProcessTicks>): Map<number, ProcessTicks> {
  const ferretdb = [...ticks].filter(([, entry]) => entry.group === 'ferretdb');
  if (!ferretdb.some(([, entry]) => entry.parentPid === process.pid)) return ticks;
  return new Map(
    [...ticks].filter(([, entry]) => entry.group !== 'ferretdb' || entry.parentPid === process.pid),
  );
}

async function serverCpuTicks(): Promise<Map<number, ProcessTicks>> {
  const ticks = new Map<number, ProcessTicks>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
        const parsed = stat === undefined ? undefined : parseStat(stat);
        if (parsed !== undefined) ticks.set(Number(entry), parsed);
      }),
  );
  return ticks;
}

/** CPU seconds a process has used so far, NaN when it is gone (or there is no /proc). */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  const ticks = stat === undefined ? undefined : statTicks(stat);
  return ticks === undefined ? Number.NaN : ticks / clockTicksPerSecond;
}

/** `pid (comm) state ppid …`: the server group of a known command, with its CPU ticks. */
export function parseStat(stat: string): ProcessTicks | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const group = serverCommands[stat.slice(open + 1, close)];
  const ticks = statTicks(stat);
  // After the command: state, then the parent's pid.
  const parentPid = Number(stat.slice(close + 2).split(' ')[1]);
  return group === undefined || ticks === undefined ? undefined : { group, ticks, parentPid };
}

/** utime + stime, fields 14 and 15; the command (field 2) may contain spaces and parentheses. */
export function statTicks(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is the state (field 3), so field n is fields[n - 3].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}
