// Accepting a generic job: one insert of the job document, carrying job.requested.v1 in its outbox when
// the job is due now, or stored as `scheduled` for the scheduler when it is due later. With an
// Idempotency-Key the job id is derived from (tenant, key), so a repeated request hits the same _id and
// reads the first job instead of creating a second one.
import { createHash, randomUUID } from 'node:crypto';
import { Exchange, Header } from '@conveyor/bus';
import { jobRequested, RetryableError } from '@conveyor/contracts';
import { isDuplicateKeyError, outboxEntries, type OutboxEntry, type Store } from '@conveyor/store';
import { jobDocument, jobRequestedMessageId, jobsCollection, type JobDocument } from './job-document.ts';
import type { SubmitJobBody } from './job-schemas.ts';

export interface SubmitJobInput {
  tenantId: string;
  body: SubmitJobBody;
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
  const jobs = store.db.collection<JobDocument>(jobsCollection);
  try {
    await jobs.insertOne(job);
    return { job, created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const existing = await jobs.findOne({ _id: job._id, tenantId: input.tenantId });
  // Only retention removes jobs; a vanished winner means the client may simply try again.
  if (existing === null)
    throw new RetryableError('IDEMPOTENCY_KEY_CONTENDED', `job ${job._id} changed while being read`);
  return { job: jobDocument.parse(existing), created: false };
}

function newJob(input: SubmitJobInput): JobDocument {
  const { body, now, tenantId } = input;
  const id =
    input.idempotencyKey === null
      ? `job_${randomUUID().replaceAll('-', '')}`
      : keyedJobId(tenantId, input.idempotencyKey);
  const runAt = dueAt(body, now);
  const scheduled = runAt !== null && runAt.getTime() > now.getTime();
  const outbox = scheduled ? {} : { outbox: [requestedEntry(id, input)], outboxDueAt: now };
  return {
    _id: id,
    tenantId,
    type: body.type,
    payload: body.payload,
    priority: body.priority,
    status: scheduled ? 'scheduled' : 'accepted',
    runAt: scheduled ? runAt : null,
    history: [{ at: now, event: scheduled ? 'scheduled' : 'accepted' }],
    traceId: input.traceId,
    idempotencyKey: input.idempotencyKey,
    requestHash: input.requestHash,
    createdAt: now,
    updatedAt: now,
    error: null,
    ...outbox,
  };
}

function dueAt(body: SubmitJobBody, now: Date): Date | null {
  if (body.runAt !== undefined) return new Date(body.runAt);
  if (body.delayMs !== undefined) return new Date(now.getTime() + body.delayMs);
  return null;
}

/** The tenant is part of the hash: two tenants using the same key get two jobs. */
function keyedJobId(tenantId: string, idempotencyKey: string): string {
  return `job_${createHash('sha256').update(`${tenantId}\u001f${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

function requestedEntry(jobId: string, input: SubmitJobInput): OutboxEntry {
  const body = jobRequested.schema.parse({
    jobId,
    tenantId: input.tenantId,
    jobType: input.body.type,
    payload: input.body.payload,
  });
  const [entry] = outboxEntries(
    [
      {
        messageId: jobRequestedMessageId(jobId),
        exchange: Exchange.events,
        routingKey: jobRequested.name,
        type: jobRequested.name,
        body,
        headers: { [Header.tenant]: input.tenantId },
        priority: input.body.priority,
        correlationId: jobId,
      },
    ],
    input.now,
  );
  if (entry === undefined) throw new TypeError('outboxEntries returned no entry for one message');
  return entry;
}
