// A handle on one job: what enqueue() returns and client.job(id) makes. It holds only the id; every call
// asks the gateway, so a handle never shows a stale job.
import { JobNotCompletedError } from './errors/job-not-completed-error.ts';
import { JobResultTimeoutError } from './errors/job-result-timeout-error.ts';
import { sendForJson, type GatewayConnection } from './gateway-requests.ts';
import { followJob } from './job-events.ts';
import {
  isFinished,
  jobView,
  type FinishedJobStatus,
  type Job,
  type JobProgress,
  type JobStatus,
} from './job-views.ts';

export interface ResultOptions {
  /** Give up after this long with a JobResultTimeoutError (the job goes on). Default: wait for the end. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface JobHandle<Result = unknown> {
  readonly id: string;
  status(): Promise<JobStatus>;
  get(): Promise<Job<Result>>;
  /**
   * Waits for the job to finish and returns what its handler returned (as JSON carried it: a Date
   * arrives as its ISO string). A job that ends `failed` or `cancelled` throws a JobNotCompletedError.
   */
  result(options?: ResultOptions): Promise<Result>;
  /** The values the handler reports with ctx.progress(), live, from now until the job is finished. */
  progress(options?: { signal?: AbortSignal }): AsyncIterable<JobProgress>;
  /**
   * A queued or scheduled job is cancelled at once and never runs; a running one has its handler's
   * signal fired and ends `cancelled`. A ConveyorApiError JOB_FINISHED when it had already ended.
   */
  cancel(): Promise<Job<Result>>;
  /** Runs a failed or cancelled job again (a new run, status `accepted`); else JOB_NOT_RETRYABLE. */
  retry(): Promise<Job<Result>>;
}

export function createJobHandle<Result>(connection: GatewayConnection, id: string): JobHandle<Result> {
  const path = `/v1/jobs/${encodeURIComponent(id)}`;
  // The gateway stores what the handler returned; the type is the handler's, which the server cannot check.
  const typed = (job: Job): Job<Result> => job as Job<Result>;
  const post = async (action: 'cancel' | 'retry') =>
    typed(await sendForJson(connection, { method: 'POST', path: `${path}/${action}` }, jobView));

  return {
    id,
    async status() {
      return (await sendForJson(connection, { method: 'GET', path }, jobView)).status;
    },
    async get() {
      return typed(await sendForJson(connection, { method: 'GET', path }, jobView));
    },
    async result(options = {}) {
      const finished = await finishedJob(connection, id, options);
      if (finished.status === 'completed') return typed(finished).result as Result;
      throw new JobNotCompletedError({ ...finished, status: finished.status });
    },
    async *progress(options = {}) {
      for await (const event of followJob(connection, id, options.signal))
        if (event.kind === 'progress') yield event.progress;
    },
    cancel: () => post('cancel'),
    retry: () => post('retry'),
  };
}

/** The job once finished, followed over its event stream; a timeout aborts the stream. */
async function finishedJob(
  connection: GatewayConnection,
  id: string,
  options: ResultOptions,
): Promise<Job & { status: FinishedJobStatus }> {
  const { timeoutMs, signal } = options;
  const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [signal, timeout].filter((each) => each !== undefined);
  const combined = signals.length === 0 ? undefined : AbortSignal.any(signals);
  let last: Job | undefined;
  try {
    for await (const event of followJob(connection, id, combined)) {
      if (event.kind === 'progress') continue;
      last = event.job;
      const { status } = event.job;
      if (isFinished(status)) return { ...event.job, status };
    }
  } catch (error) {
    if (timeout?.aborted === true && timeoutMs !== undefined && signal?.aborted !== true)
      throw new JobResultTimeoutError(id, timeoutMs, last?.status);
    throw error;
  }
  // followJob ends only after a finished job or with an error.
  throw new Error(`the events of job ${id} ended before it finished`);
}
