// What enqueue() needs of a job definition (what defineJob returns) to type a call: the type name, the
// zod schema that types `data`, and the handler whose return types `result()`. Structural, so that the
// client does not depend on the worker runtime. (An ordered type's key is read from the data by the
// gateway, from the field its registration names: nothing to compute here.)
import type { z } from 'zod';

export interface EnqueueableJob {
  readonly type: string;
  readonly schema: z.ZodType;
  // Method syntax on purpose: its parameters are compared bivariantly, so any handler matches here.
  handler(data: never, context: never): unknown;
}

/** The data enqueue() takes for a job: its schema's input (before defaults and transforms). */
export type JobInput<Definition extends EnqueueableJob> = z.input<Definition['schema']>;

/**
 * What result() gives for a job: what its handler resolves to. A handler may instead return a fan-out
 * (ctx.fanOut()), which makes the job a batch and is never a result.
 */
export type JobResult<Definition extends EnqueueableJob> = Definition extends {
  handler(...args: never[]): infer Returned;
}
  ? Exclude<Awaited<Returned>, { readonly kind: 'fan-out' }>
  : unknown;
