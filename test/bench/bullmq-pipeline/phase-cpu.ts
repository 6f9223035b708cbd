// CPU time of one phase of a pipeline scenario: each service process (from /proc/<pid>/stat) and the
// local servers the pipeline runs on (cpu-meter's groups), so that idle time before and after the
// phase is left out. `bench` (this process: the load, the SMTP peer, Conveyor's OTLP receiver) is
// reported but not counted in the total: both pipelines have it.
import { processCpuSeconds, startCpuMeter } from '../harness/cpu-meter.ts';
import { startPostgresCpu } from './postgres-cpu.ts';

export interface PhaseCpu {
  /** CPU seconds used during the phase, per service process and per server group. */
  stop(): Promise<Record<string, number>>;
}

/**
 * `postgresDatabase`: PostgreSQL's figure counts only the processes of that database (and the shared
 * background ones) when its backends are found; every postgres process's is kept as `postgresql-all`.
 */
export async function startPhaseCpu(
  processes: ReadonlyMap<string, number>,
  postgresDatabase?: string,
): Promise<PhaseCpu> {
  const at = async () =>
    new Map(
      await Promise.all(
        [...processes].map(async ([name, pid]) => [name, await processCpuSeconds(pid)] as const),
      ),
    );
  const servers = await startCpuMeter();
  const postgres = postgresDatabase === undefined ? undefined : await startPostgresCpu(postgresDatabase);
  const start = await at();
  return {
    async stop() {
      const end = await at();
      const used: Record<string, number> = await servers.stop();
      const ofDatabase = (await postgres?.stop()) ?? Number.NaN;
      if (Number.isFinite(ofDatabase)) {
        used['postgresql-all'] = used.postgresql ?? 0;
        used.postgresql = ofDatabase;
      }
      for (const [name, seconds] of end) used[name] = seconds - (start.get(name) ?? Number.NaN);
      return used;
    },
  };
}

/** CPU milliseconds per order of each process and the total of `counted` (services + the servers named). */
export function cpuMsPerOrder(
  seconds: Readonly<Record<string, number>>,
  counted: readonly string[],
  orders: number,
): { perProcess: Record<string, number>; total: number } {
  const perProcess = Object.fromEntries(
    Object.entries(seconds).map(([name, used]) => [name, (used * 1000) / Math.max(1, orders)]),
  );
  const total = counted.reduce((sum, name) => sum + (perProcess[name] ?? 0), 0);
  return { perProcess, total };
}
