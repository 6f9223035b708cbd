// A worker's writes while it runs a job: the start of an attempt (one findOneAndUpdate on `_id` that
// also reads what the attempt needs: the last checkpoint, a cancel already asked for, an attempt a
// killed worker never ended), its end, and the handler's progress and checkpoints on the way.
// A job published straight to the bus, without a document, gets one on first sight.
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import {
  finishedJobStatuses,
  firstRunFields,
  jobDocument,
  type JobDocument,
  type JobStatus,
} from './job-document.ts';
import { jobs } from './jobs-collection.ts';

/** The job as its message names it. */
export interface JobRunRef {
  jobId: string;
  tenantId: string;
  jobType: string;
  payload: Record<string, unknown>;
  priority: number;
  orderingKey?: string | undefined;
  parentJobId?: string | undefined;
}

export interface StartedAttempt {
  run: number;
  attempt: number;
  startedAt: Date;
}

export type JobRunStart =
  | {
      kind: 'run';
      attempt: StartedAttempt;
      /** The checkpoint the previous attempt left, if any. */
      lastCheckpoint: unknown;
      /** A cancel was asked for while no handler ran (e.g. its worker was killed): end it, do not run. */
      cancelRequested: boolean;
    }
  /** Cancelled before it ran, or finished already (a late copy): nothing to run. */
  | { kind: 'skip'; status: JobStatus };

const interruptedError = 'its worker stopped before the attempt ended (killed, or lost its connection)';

export async function startJobRun(
  store: Store,
  ref: JobRunRef,
  attempt: number,
  now: Date = new Date(),
): Promise<JobRunStart> {
  const startedAt = now;
  let before: JobDocument | null;
  try {
    before = await jobs(store).findOneAndUpdate(
      { _id: ref.jobId, tenantId: ref.tenantId, status: { $in: ['accepted', 'running'] } },
      {
        $set: { status: 'running', attempt, updatedAt: now, currentAttempt: { attempt, startedAt } },
        $push: { history: { at: now, event: 'running', detail: `attempt ${String(attempt)}` } },
        $setOnInsert: firstSight(ref, now),
      },
      { upsert: true, returnDocument: 'before' },
    );
  } catch (error) {
    // The document exists in a status that does not run (cancelled, finished, scheduled): leave it.
    if (!isDuplicateKeyError(error)) throw error;
    const current = await jobs(store).findOne({ _id: ref.jobId }, { projection: { status: 1 } });
    return { kind: 'skip', status: current?.status ?? 'cancelled' };
  }
  const job = before === null ? null : jobDocument.safeParse(before);
  const known = job?.success === true ? job.data : null;
  const run = known?.run ?? 1;
  const interrupted = known?.currentAttempt ?? undefined;
  if (interrupted !== undefined) {
    await jobs(store).updateOne(
      { _id: ref.jobId },
      {
        $push: {
          attempts: {
            run,
            ...interrupted,
            endedAt: now,
            outcome: 'failed',
            error: interruptedError,
          },
        },
      },
    );
  }
  return {
    kind: 'run',
    attempt: { run, attempt, startedAt },
    lastCheckpoint: known?.checkpoint,
    cancelRequested: known?.cancelRequested ?? false,
  };
}

/** The document a job gets when its first sight is a worker's (published straight to the bus). */
function firstSight(ref: JobRunRef, now: Date): Partial<JobDocument> {
  return {
    type: ref.jobType,
    payload: ref.payload,
    priority: ref.priority,
    runAt: null,
    traceId: null,
    idempotencyKey: null,
    requestHash: null,
    createdAt: now,
    error: null,
    ...firstRunFields(),
    orderingKey: ref.orderingKey ?? null,
    partition: null,
    parentJobId: ref.parentJobId ?? null,
  };
}

export type AttemptEnd =
  | { outcome: 'completed'; result: unknown }
  | { outcome: 'failed'; error: string }
  /** Failed, and goes round a retry tier: the job stays `running` until the next attempt. */
  | { outcome: 'retrying'; error: string }
  | { outcome: 'cancelled' }
  /** The handler fanned out children: the job waits for them (see fan-out.ts). */
  | { outcome: 'waiting' };

const statusAfter: Record<AttemptEnd['outcome'], JobStatus> = {
  completed: 'completed',
  failed: 'failed',
  retrying: 'running',
  cancelled: 'cancelled',
  waiting: 'waiting',
};

/** Ends the attempt; a job already finished (cancelled meanwhile, a late copy) is left as it is. */
export async function endJobAttempt(
  store: Store,
  ref: Pick<JobRunRef, 'jobId' | 'tenantId'>,
  attempt: StartedAttempt,
  end: AttemptEnd,
  now: Date = new Date(),
  /** The handler's last progress report when it has not been written yet. */
  lastProgress?: { value: unknown },
): Promise<boolean> {
  const error = 'error' in end ? end.error : null;
  const status = statusAfter[end.outcome];
  const result = await jobs(store).updateOne(
    { _id: ref.jobId, tenantId: ref.tenantId, status: { $nin: [...finishedJobStatuses] } },
    {
      $set: {
        status,
        currentAttempt: null,
        updatedAt: now,
        error: end.outcome === 'completed' ? null : error,
        ...(end.outcome === 'completed' ? { result: end.result } : {}),
        ...(lastProgress === undefined ? {} : { progress: lastProgress.value }),
      },
      $push: {
        attempts: { ...attempt, endedAt: now, outcome: attemptOutcome(end), error },
        history: { at: now, event: end.outcome, ...(error === null ? {} : { detail: error }) },
      },
    },
  );
  return result.matchedCount > 0;
}

function attemptOutcome(end: AttemptEnd): 'completed' | 'failed' | 'retrying' | 'cancelled' {
  return end.outcome === 'waiting' ? 'completed' : end.outcome;
}

export interface JobSignals {
  /** True when a cancel was asked for: the handler should stop. */
  cancelRequested: boolean;
}

/** The handler's latest progress; also says whether the job has been cancelled meanwhile. */
export async function recordJobProgress(
  store: Store,
  ref: Pick<JobRunRef, 'jobId' | 'tenantId'>,
  progress: unknown,
  now: Date = new Date(),
): Promise<JobSignals> {
  return setWhileRunning(store, ref, { progress, updatedAt: now });
}

/** The handler's checkpoint: a later attempt of this run starts with it as `lastCheckpoint`. */
export async function recordJobCheckpoint(
  store: Store,
  ref: Pick<JobRunRef, 'jobId' | 'tenantId'>,
  checkpoint: unknown,
  now: Date = new Date(),
): Promise<JobSignals> {
  return setWhileRunning(store, ref, { checkpoint, checkpointAt: now, updatedAt: now });
}

async function setWhileRunning(
  store: Store,
  ref: Pick<JobRunRef, 'jobId' | 'tenantId'>,
  fields: Record<string, unknown>,
): Promise<JobSignals> {
  const after = await jobs(store).findOneAndUpdate(
    { _id: ref.jobId, tenantId: ref.tenantId },
    { $set: fields },
    { returnDocument: 'after' },
  );
  return { cancelRequested: after?.cancelRequested === true || after?.status === 'cancelled' };
}
