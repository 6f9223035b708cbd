// What enqueue() needs of a job definition (what defineJob returns) to type a call: the type name, the
// zod schema that types `data`, and the handler whose return types `result()`. Structural, so the client
// does not depend on the worker runtime: a web app that only enqueues imports no worker code paths.
import type { z } from 'zod';

export interface EnqueueableJob {
  readonly type: string;
  readonly schema: z.ZodType;
  /** Jobs with the same key run one at a time, in order; computed here when enqueue() is not given one. */
  readonly orderingKey?: ((data: never) => string) | undefined;
  // Method syntax on purpose: its parameters are compared bivariantly, so any handler matches here.
  handler(data: never, context: never): unknown;
}

/** The data enqueue() takes for a job: its schema's input (before defaults and transforms). */
export type JobData<Definition extends EnqueueableJob> = z.input<Definition['schema']>;

/** What result() gives for a job: what its handler resolves to. */
export type JobResult<Definition extends EnqueueableJob> = Definition extends {
  handler(...args: never[]): infer Returned;
}
  ? Awaited<Returned>
  : unknown;
