// Accepting a generic job: one insert of the job document, carrying job.requested.v1 in its outbox when
// the job is due now, or stored as `scheduled` for the scheduler when it is due later. With an
// Idempotency-Key the job id is derived from (tenant, key), so a repeated request hits the same _id and
// reads the first job instead of creating a second one.
import { createHash, randomUUID } from 'node:crypto';
import { ContractsErrorCode, RetryableError } from '@conveyor/contracts';
import { outboxEntries, outboxFields } from '@conveyor/outbox';
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import { jobDocument, type JobDocument } from './job-document.ts';
import { jobRequestedMessage, jobRequestedMessageId } from './job-message.ts';
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
}

export interface SubmitJobResult {
  /** The job for this request, or the one its Idempotency-Key created before (compare requestHash). */
  job: JobDocument;
  /** True when this call wrote the job: the caller publishes `job.outbox` now. */
  created: boolean;
}

export async function submitJob(store: Store, input: SubmitJobInput): Promise<SubmitJobResult> {
  const job = newJob(input);
  try {
    await jobs(store).insertOne(job);
    return { job, created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const existing = await jobs(store).findOne({ _id: job._id, tenantId: input.tenantId });
  // Only retention removes jobs; a vanished winner means the client may simply try again.
  if (existing === null)
    throw new RetryableError(
      ContractsErrorCode.idempotencyKeyContended,
      `job ${job._id} changed while being read`,
    );
  return { job: jobDocument.parse(existing), created: false };
}

function newJob(input: SubmitJobInput): JobDocument {
  const { now, tenantId } = input;
  const id =
    input.idempotencyKey === null
      ? `job_${randomUUID().replaceAll('-', '')}`
      : keyedJobId(tenantId, input.idempotencyKey);
  const scheduled = input.runAt !== null && input.runAt.getTime() > now.getTime();
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
    ...(scheduled ? {} : outboxFields(requestedEntries(id, input))),
  };
}

/** The tenant is part of the hash: two tenants using the same key get two jobs. */
function keyedJobId(tenantId: string, idempotencyKey: string): string {
  return `job_${createHash('sha256').update(`${tenantId}\u001f${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

function requestedEntries(jobId: string, input: SubmitJobInput) {
  return outboxEntries(
    [
      jobRequestedMessage({
        messageId: jobRequestedMessageId(jobId),
        body: { jobId, tenantId: input.tenantId, jobType: input.type, payload: input.payload },
        priority: input.priority,
        correlationId: jobId,
      }),
    ],
    input.now,
  );
}
