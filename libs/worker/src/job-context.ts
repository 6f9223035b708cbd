// What a handler gets besides its data: who it is, its attempt, a signal that fires on cancel, deadline
// or shutdown, a logger, and the ways to report back (progress, checkpoints) or hand work on (fan-out).
import type { Logger } from 'pino';

export interface FanOutChild {
  type: string;
  data: Record<string, unknown>;
  orderingKey?: string;
}

export interface FanOutOptions {
  /** A job submitted when every child has ended; its data gets `parentJobId` and `children` counts. */
  then?: FanOutChild;
}

/** What a handler returns to make its job a batch: the job waits (`waiting`) for its children. */
export interface FanOut {
  readonly kind: 'fan-out';
  readonly children: readonly FanOutChild[];
  readonly then: FanOutChild | null;
}

export interface JobContext {
  readonly jobId: string;
  readonly tenantId: string;
  readonly type: string;
  /** 1 on the first delivery of this run. */
  readonly attempt: number;
  /** Fires on cancel (reason: JobCancelledError), deadline or shutdown; stop soon after. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** What the last `checkpoint()` of an earlier attempt saved; undefined when none did. */
  readonly lastCheckpoint: unknown;
  /** Live progress (a percentage, or any JSON value): to followers at once, to the job at most every second. */
  readonly progress: (value: unknown) => Promise<void>;
  /** Saves where the handler is: a later attempt starts with it as `lastCheckpoint`. */
  readonly checkpoint: (state: unknown) => Promise<void>;
  /** Returns the marker to return from the handler: the job completes when all the children have. */
  readonly fanOut: (children: readonly FanOutChild[], options?: FanOutOptions) => FanOut;
}

export function isFanOut(value: unknown): value is FanOut {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'fan-out';
}

export function fanOutOf(children: readonly FanOutChild[], options: FanOutOptions = {}): FanOut {
  return Object.freeze({ kind: 'fan-out', children: [...children], then: options.then ?? null });
}
