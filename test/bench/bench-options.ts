// The suite's sizes: defaults that finish in a few minutes on a 2-core machine, each overridable by a
// flag (`--messages=5000` or `--messages 5000`) or an environment variable (BENCH_MESSAGES=5000);
// a flag wins over the environment.
import { parseArgs } from 'node:util';
import { z } from 'zod';

const count = z.coerce.number().int().positive();
const amount = z.coerce.number().positive();

const sizeSchema = z.strictObject({
  rounds: count.default(5),
  /** Messages per throughput run (raw, host, host + inbox, BullMQ jobs). */
  messages: count.default(20_000),
  consumers: count.default(4),
  prefetch: count.default(100),
  bullmqWorkers: count.default(4),
  bullmqConcurrency: count.default(50),
  pacedRate: amount.default(2_000),
  pacedSeconds: amount.default(5),
  priorityLow: count.default(20_000),
  priorityHigh: count.default(100),
  priorityPrefetch: count.default(10),
  priorityHandlerMs: z.coerce.number().nonnegative().default(1),
  priorityIntervalMs: amount.default(10),
  /** Order pipeline, burst phase: orders submitted as fast as the gateway takes them. */
  orderBurst: count.default(100),
  orderBurstConcurrency: count.default(20),
  /** Order pipeline, second burst: more orders and more in flight, after the first. */
  orderBigBurst: count.default(1_000),
  orderBigBurstConcurrency: count.default(50),
  /** The history scenario: old orders and old inbox records in the database before its first burst. */
  historyOrders: count.default(100_000),
  historyInboxRecords: count.default(1_000_000),
  /** Order pipeline, paced phase: a rate the pipeline sustains on this machine, for latency. */
  orderRate: amount.default(4),
  orderSeconds: amount.default(10),
  /** Fulfilment worker processes of both order pipelines (Conveyor's and the BullMQ peer's). */
  fulfilmentWorkers: count.default(2),
  /** Bound of each order-pipeline run (both pipelines), which runs far longer than the other scenarios. */
  orderTimeoutSeconds: amount.default(300),
  /** The share of orders Conveyor's services trace (every span of a sampled order is exported); 1 = all. */
  traceSampleRatio: z.coerce.number().gt(0).max(1).default(1),
  /** Bound of each scenario run; a run past it is recorded as failed and the suite goes on. */
  timeoutSeconds: amount.default(150),
});

export type BenchSizes = z.infer<typeof sizeSchema>;
type SizeName = keyof BenchSizes;

export interface BenchOptions {
  sizes: BenchSizes;
  /** Scenario ids to run (all when empty). */
  only: string[];
  /** Where the report is written. */
  out: string;
}

const sizeNames = Object.keys(sizeSchema.shape) as SizeName[];

/** BENCH_ and the name in capitals with underscores: pacedRate → BENCH_PACED_RATE. */
export function envName(name: string): string {
  return `BENCH_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

/** The flag: pacedRate → --paced-rate. */
export function flagName(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function readBenchOptions(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultOut: string,
): BenchOptions {
  const flags: Record<string, { type: 'string' }> = { only: { type: 'string' }, out: { type: 'string' } };
  for (const name of sizeNames) flags[flagName(name)] = { type: 'string' };
  const { values } = parseArgs({ args: [...args], options: flags, strict: true, allowPositionals: false });
  const raw: Record<string, string> = {};
  for (const name of sizeNames) {
    const value = values[flagName(name)] ?? env[envName(name)];
    if (typeof value === 'string' && value !== '') raw[name] = value;
  }
  const parsed = sizeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? '?');
    throw new TypeError(`--${flagName(name)} / ${envName(name)}: ${issue?.message ?? 'invalid'}`);
  }
  const only = values.only ?? env.BENCH_ONLY ?? '';
  return {
    sizes: parsed.data,
    only:
      typeof only === 'string'
        ? only
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== '')
        : [],
    out: typeof values.out === 'string' ? values.out : defaultOut,
  };
}
