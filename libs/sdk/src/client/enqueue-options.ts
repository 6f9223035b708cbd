// The options of enqueue() and the POST /v1/jobs request they make.

interface CommonEnqueueOptions {
  /** 0 (last) to 9 (first); the gateway's default is 5. */
  priority?: number;
  /** A repeat with the same key returns the first job instead of making another (per tenant). */
  idempotencyKey?: string;
  /**
   * Jobs of one type with the same key run one at a time, in the order they were enqueued. An ordered
   * type (defineJob's `orderingKey`) takes it from its data's key field when not given.
   */
  orderingKey?: string;
  signal?: AbortSignal;
}

/** When to run: now (neither), after `delayMs`, or at `runAt`; not both. */
export type EnqueueOptions = CommonEnqueueOptions &
  ({ delayMs?: number; runAt?: never } | { runAt?: Date | string; delayMs?: never });

export interface SubmitJobRequest {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export function submitJobRequest(type: string, data: unknown, options: EnqueueOptions): SubmitJobRequest {
  const { priority, delayMs, runAt, idempotencyKey, orderingKey } = options;
  return {
    body: {
      type,
      payload: data ?? {},
      ...(priority === undefined ? {} : { priority }),
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(runAt === undefined ? {} : { runAt: runAt instanceof Date ? runAt.toISOString() : runAt }),
      ...(orderingKey === undefined ? {} : { orderingKey }),
    },
    headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
  };
}
