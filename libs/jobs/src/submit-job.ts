// Accepting a generic job: one insert of the job document, carrying job.requested.v1 in its outbox when
// the job is due now, or stored as `scheduled` for the scheduler when it is due later. With an
// Idempotency-Key the job id is derived from (tenant, key), so a repeated request hits the same _id and
// reads the first job instead of creating a second one. A job whose message would be over the bus's
// body limit is refused before anything is stored: accepted, it could never be published.
import { defaultMaxBodyBytes } from '@conveyor/bus';
import { ContractsErrorCode, RetryableError, orderingPartition } from '@conveyor/contracts';
import {
  dropPendingOutbox,
  encodedBodyBytes,
  outboxEntries,
  outboxFields,
  recordPendingOutbox,
  type PendingOutbox,
} from '@conveyor/outbox';
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import { JobMessageTooLargeError } from './errors/job-message-too-large-error.ts';
import { firstRunFields, jobDocument, jobsCollection, type JobDocument } from './job-document.ts';
import { jobIdForKey, newJobId } from './job-ids.ts';
import { jobRunMessage } from './job-message.ts';
import { jobs } from './jobs-collection.ts';

export interface SubmitJobInput {
  tenantId: string;
  type: string;
  payload: Record<string, unknown>;
  priority: number;
  /** When it should run; null or a time not after `now` runs at once. */
  runAt: Date | null;
  idempotencyKey: string | null;
  requestHash: string;
  traceId: string | null;
  now: Date;
  /** The bus's (and the job worker's) limit on a message body; default the bus's default. */
  maxMessageBytes?: number;
  /** Jobs of the type with the same key run one at a time, in order. */
  orderingKey?: string | null;
  /** The type's partitions when it is ordered (from the registry); null otherwise. */
  partitions?: number | null;
  /** Set on a batch's children. */
  parentJobId?: string | null;
  /** Forced id (a batch's children are `<parent>:<n>`, so a retried fan-out writes the same ones). */
  jobId?: string;
}

export interface SubmitJobResult {
  /** The job for this request, or the one its Idempotency-Key created before (compare requestHash). */
  job: JobDocument;
  /** True when this call wrote the job: the caller publishes `job.outbox` now. */
  created: boolean;
  /** The write's pending outbox record when it carries a message: pass it to publishOutbox. */
  pending?: PendingOutbox;
}

/** Throws JobMessageTooLargeError when the job's message would be over `maxMessageBytes`. */
export async function submitJob(store: Store, input: SubmitJobInput): Promise<SubmitJobResult> {
  const id =
    input.jobId ??
    (input.idempotencyKey === null ? newJobId() : jobIdForKey(input.tenantId, input.idempotencyKey));
  const unsent = newJob(id, input);
  // Checked for a job due later too: the scheduler will publish the same message when it falls due.
  const message = jobRunMessage(unsent);
  const limit = input.maxMessageBytes ?? defaultMaxBodyBytes;
  const bytes = encodedBodyBytes(message);
  if (bytes > limit) throw new JobMessageTooLargeError(bytes, limit);
  const job: JobDocument =
    unsent.status === 'accepted'
      ? { ...unsent, ...outboxFields(outboxEntries([message], input.now)) }
      : unsent;

  const pending =
    job.outbox === undefined
      ? undefined
      : await recordPendingOutbox(
          store,
          { collection: jobsCollection, docId: job._id, entries: job.outbox },
          input.now,
        );
  try {
    await jobs(store).insertOne(job);
    return pending === undefined ? { job, created: true } : { job, created: true, pending };
  } catch (error) {
    // Any other failure may still have written the job: its record stays, for the relay to decide.
    if (!isDuplicateKeyError(error)) throw error;
  }
  // Not written: the key's first request wrote the job (and its own pending record, if any).
  if (pending !== undefined) await dropPendingOutbox(store, pending);
  const existing = await jobs(store).findOne({ _id: job._id, tenantId: input.tenantId });
  // Only retention removes jobs; a vanished winner means the client may simply try again.
  if (existing === null)
    throw new RetryableError(
      ContractsErrorCode.idempotencyKeyContended,
      `job ${job._id} changed while being read`,
    );
  return { job: jobDocument.parse(existing), created: false };
}

function newJob(id: string, input: SubmitJobInput): JobDocument {
  const { now, tenantId } = input;
  const scheduled = input.runAt !== null && input.runAt.getTime() > now.getTime();
  const orderingKey = input.orderingKey ?? null;
  const partitions = input.partitions ?? null;
  return {
    _id: id,
    tenantId,
    type: input.type,
    payload: input.payload,
    priority: input.priority,
    status: scheduled ? 'scheduled' : 'accepted',
    runAt: scheduled ? input.runAt : null,
    history: [{ at: now, event: scheduled ? 'scheduled' : 'accepted' }],
    traceId: input.traceId,
    idempotencyKey: input.idempotencyKey,
    requestHash: input.requestHash,
    createdAt: now,
    updatedAt: now,
    error: null,
    ...firstRunFields(),
    attempt: 0,
    currentAttempt: null,
    // An ordered type's job without a key is ordered with every other keyless one (key "").
    orderingKey,
    partition: partitions === null ? null : orderingPartition(orderingKey ?? '', partitions),
    parentJobId: input.parentJobId ?? null,
  };
}
