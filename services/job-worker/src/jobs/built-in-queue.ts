/** The one queue the built-in types share, and how it runs (from the job worker's config). */
export interface BuiltInQueue {
  queue: string;
  /** Jobs run at once per process (PREFETCH). */
  concurrency: number;
  /** A job's deadline (HANDLER_TIMEOUT_MS). */
  timeoutMs: number;
}
