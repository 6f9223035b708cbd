// defineJob: a job type as the user writes it. The zod schema types the handler's data and is what the
// registry publishes (as JSON Schema) so that the gateway refuses bad data at accept time; the options
// say how its queue behaves (priority, attempts and backoff, deadline, concurrency, order per key, a
// CPU-bound handler's thread).
import { jobRequested } from '@conveyor/contracts';
import type { JobTypeRegistration } from '@conveyor/jobs';
import { z } from 'zod';
import { InvalidJobDefinitionError } from './errors/invalid-job-definition-error.ts';
import type { FanOut, JobContext } from './job-context.ts';

export type JobData = Record<string, unknown>;

export type JobHandler<Data, Result> = (
  data: Data,
  context: JobContext,
) => Promise<Result | FanOut> | Result | FanOut;

export interface JobOptions<Schema extends z.ZodType<JobData>, Result> {
  /** Lower case, digits, `.` and `-`, e.g. `image.resize`. */
  type: string;
  schema: Schema;
  handler: JobHandler<z.output<Schema>, Result>;
  /** The queue it is consumed from; default `jobs.<type>`. Types may share one (with its first type's options). */
  queue?: string;
  /** 0–9, default 5; a job's own priority at enqueue wins. */
  priority?: number;
  /** Deliveries in all (the first included) before the job fails and its message is dead-lettered; 5. */
  attempts?: number;
  /** The wait before each retry, in ms (the last repeats); default 1 s, 10 s, 1 min, 10 min. */
  backoff?: readonly number[];
  /** The handler's deadline; default 10 min. */
  timeoutMs?: number;
  /** Jobs of the queue run at once in one worker; default 4 (ordered: one per partition). */
  concurrency?: number;
  /** A field of the data whose value orders the jobs: one at a time and in publish order per value. */
  orderingKey?: string;
  /** Partitions of an ordered type (its parallelism across keys); default 8. */
  partitions?: number;
  /**
   * Runs the handler in a worker thread, so CPU-bound work leaves the event loop (lease renewal, health)
   * free: the URL of the module that exports this definition (usually `import.meta.url`).
   */
  thread?: string | URL;
  /** Days a finished job of the type is kept; default the deployment's rule. */
  retentionDays?: number;
}

export interface JobDefinition<Schema extends z.ZodType<JobData> = z.ZodType<JobData>, Result = unknown> {
  readonly kind: 'conveyor.job';
  readonly type: string;
  readonly schema: Schema;
  readonly handler: JobHandler<z.output<Schema>, Result>;
  readonly queue: string;
  readonly priority: number;
  readonly attempts: number;
  readonly backoff: readonly number[];
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly ordered: { keyField: string; partitions: number } | null;
  readonly thread: string | null;
  readonly retentionDays: number | null;
}

const defaultBackoffMs = [1_000, 10_000, 60_000, 600_000] as const;

export function defineJob<Schema extends z.ZodType<JobData>, Result>(
  options: JobOptions<Schema, Result>,
): JobDefinition<Schema, Result> {
  const { type } = options;
  const named = jobRequested.schema.shape.jobType.safeParse(type);
  if (!named.success)
    throw new InvalidJobDefinitionError(
      type,
      'a type is 1–64 of a-z, 0-9, "." and "-", starting with a letter',
    );
  const whole = (name: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max))
      throw new InvalidJobDefinitionError(
        type,
        `${name} must be an integer from ${String(min)} to ${String(max)}`,
      );
  };
  whole('priority', options.priority, 0, 9);
  whole('attempts', options.attempts, 1, 100);
  whole('timeoutMs', options.timeoutMs, 1, 24 * 60 * 60 * 1000);
  whole('concurrency', options.concurrency, 1, 1000);
  whole('partitions', options.partitions, 1, 256);
  for (const delay of options.backoff ?? []) whole('each backoff delay', delay, 1, 24 * 60 * 60 * 1000);
  if (options.backoff?.length === 0)
    throw new InvalidJobDefinitionError(type, 'backoff needs at least one delay');
  return Object.freeze({
    kind: 'conveyor.job',
    type,
    schema: options.schema,
    handler: options.handler,
    queue: options.queue ?? `jobs.${type}`,
    priority: options.priority ?? 5,
    attempts: options.attempts ?? 5,
    backoff: options.backoff ?? defaultBackoffMs,
    timeoutMs: options.timeoutMs ?? 600_000,
    concurrency: options.concurrency ?? 4,
    ordered:
      options.orderingKey === undefined
        ? null
        : { keyField: options.orderingKey, partitions: options.partitions ?? 8 },
    thread: options.thread === undefined ? null : String(options.thread),
    retentionDays: options.retentionDays ?? null,
  });
}

export function isJobDefinition(value: unknown): value is JobDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'conveyor.job';
}

/** What the registry holds of a definition: its data schema as JSON Schema (the input side). */
export function registrationOf(definition: JobDefinition): JobTypeRegistration {
  return {
    type: definition.type,
    queue: definition.queue,
    schema: z.toJSONSchema(definition.schema, { io: 'input', unrepresentable: 'any' }),
    priority: definition.priority,
    attempts: definition.attempts,
    timeoutMs: definition.timeoutMs,
    ordered: definition.ordered,
    retentionDays: definition.retentionDays,
  };
}
