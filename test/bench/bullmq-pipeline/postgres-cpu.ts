// CPU time of the PostgreSQL processes that work for one database: its backends (whose process title
// names the database) and the shared background processes (WAL writer, checkpointer, ...). Other test
// runs on this machine keep FerretDB servers of their own on the same PostgreSQL; counting every
// postgres process would add their work to the pipeline's. Linux only.
import { readdir, readFile } from 'node:fs/promises';
import { clockTicksPerSecond, statTicks } from '../harness/cpu-meter.ts';

export interface PostgresCpu {
  /** CPU seconds of the database's processes since the start; NaN when none of its backends was seen. */
  stop(): Promise<number>;
}

export async function startPostgresCpu(database: string): Promise<PostgresCpu> {
  const start = await ticksOf(database);
  return {
    async stop() {
      const end = await ticksOf(database);
      if (![...start.values(), ...end.values()].some((process) => process.backend)) return Number.NaN;
      let ticks = 0;
      // A backend opened during the phase (FerretDB opens connections on demand) counts from zero.
      for (const [pid, process] of end) ticks += process.ticks - (start.get(pid)?.ticks ?? 0);
      return ticks / clockTicksPerSecond;
    },
  };
}

interface PostgresProcess {
  ticks: number;
  /** A backend of the database rather than a background process. */
  backend: boolean;
}

async function ticksOf(database: string): Promise<Map<number, PostgresProcess>> {
  const found = new Map<number, PostgresProcess>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
        if (stat === undefined || !stat.includes('(postgres)')) return;
        // The process title: `postgres: 15/main: <user> <database> 127.0.0.1(port) <state>` for a
        // backend, `postgres: 15/main: walwriter` for a background process.
        const title = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replaceAll(
          '\0',
          ' ',
        );
        const words = title.trim().split(/\s+/);
        const client = words.findIndex((word) => /\(\d+\)$/.test(word) || word === '[local]');
        const backend = client >= 1 && words[client - 1] === database;
        if (client >= 0 && !backend) return; // another database's backend
        const ticks = statTicks(stat);
        if (ticks !== undefined) found.set(Number(entry), { ticks, backend });
      }),
  );
  return found;
}
