// Batch jobs: a handler fans out child jobs and its job waits (`waiting`) until every child has ended;
// then it completes (or fails, when a child failed) and its callback job, if it named one, is
// submitted. Children's ids are `<parent>-c<n>`, so a parent attempt run again after a crash submits
// the same children (the second submit reads the first), and the counts are set only once.
import type { Store } from '@conveyor/store';
import { isFinishedJobStatus, jobDocument, type JobDocument } from './job-document.ts';
import { jobs } from './jobs-collection.ts';
import { submitJob, type SubmitJobResult } from './submit-job.ts';

export interface ChildJob {
  type: string;
  payload: Record<string, unknown>;
  /** The type's partitions when it is ordered (from the registry). */
  partitions?: number | null;
  orderingKey?: string | null;
}

export interface FanOutParent {
  jobId: string;
  tenantId: string;
  priority: number;
  traceId: string | null;
}

export interface CallbackJob {
  type: string;
  payload: Record<string, unknown>;
  partitions?: number | null;
}

/** Writes the counts, then the children; returns the submits whose messages the caller publishes. */
export async function fanOutJob(
  store: Store,
  parent: FanOutParent,
  children: readonly ChildJob[],
  then: CallbackJob | null,
  now: Date = new Date(),
): Promise<SubmitJobResult[]> {
  await jobs(store).updateOne(
    { _id: parent.jobId, tenantId: parent.tenantId, children: null },
    {
      $set: {
        children: { total: children.length, completed: 0, failed: 0 },
        then: then === null ? null : { type: then.type, payload: then.payload },
        updatedAt: now,
      },
    },
  );
  const submitted: SubmitJobResult[] = [];
  for (const [index, child] of children.entries()) {
    submitted.push(
      await submitJob(store, {
        jobId: childJobId(parent.jobId, index),
        tenantId: parent.tenantId,
        type: child.type,
        payload: child.payload,
        priority: parent.priority,
        runAt: null,
        idempotencyKey: null,
        requestHash: '',
        traceId: parent.traceId,
        now,
        orderingKey: child.orderingKey ?? null,
        partitions: child.partitions ?? null,
        parentJobId: parent.jobId,
      }),
    );
  }
  return submitted;
}

export function childJobId(parentJobId: string, index: number): string {
  return `${parentJobId}-c${String(index)}`;
}

export interface ParentEnded {
  parent: JobDocument;
  /** The callback job's submit, when the parent named one: publish its message. */
  callback: SubmitJobResult | null;
}

/**
 * Ends the parent when the child that just ended (its own end recorded first) was the last of them.
 * The children are counted from their documents (by `_id`: their ids are known), not with `$inc` on
 * the parent: FerretDB does not isolate concurrent updates of one document, so counters lose
 * increments, while each child's own status is written once. Of two children ending together at least
 * one sees the other's end; if both do, the parent's conditional update and the callback's fixed id
 * keep it one end and one callback.
 */
export async function recordChildEnd(
  store: Store,
  child: { parentJobId: string; tenantId: string },
  resolvePartitions: (type: string) => Promise<number | null>,
  now: Date = new Date(),
): Promise<ParentEnded | null> {
  const parentDocument = await jobs(store).findOne({ _id: child.parentJobId, tenantId: child.tenantId });
  const total = parentDocument?.children?.total;
  if (parentDocument === null || total === undefined) return null;
  const ids = Array.from({ length: total }, (_, index) => childJobId(child.parentJobId, index));
  const siblings = await jobs(store)
    .find({ _id: { $in: ids } }, { projection: { status: 1 } })
    .toArray();
  const ended = siblings.filter((sibling) => isFinishedJobStatus(sibling.status));
  if (ended.length < total) return null;
  const completed = ended.filter((sibling) => sibling.status === 'completed').length;
  const counts = { total, completed, failed: total - completed };
  const status = counts.failed === 0 ? 'completed' : 'failed';
  const error =
    counts.failed === 0 ? null : `${String(counts.failed)} of ${String(counts.total)} children failed`;
  const finished = await jobs(store).findOneAndUpdate(
    { _id: child.parentJobId, status: { $in: ['running', 'waiting'] } },
    {
      $set: { status, error, children: counts, result: { children: counts }, updatedAt: now },
      $push: { history: { at: now, event: status, detail: `all ${String(counts.total)} children ended` } },
    },
    { returnDocument: 'after' },
  );
  if (finished === null) return null;
  const parent = jobDocument.parse(finished);
  const then = parent.then;
  if (then === null) return { parent, callback: null };
  const callback = await submitJob(store, {
    jobId: `${parent._id}-then`,
    tenantId: parent.tenantId,
    type: then.type,
    payload: { ...then.payload, parentJobId: parent._id, children: counts },
    priority: parent.priority,
    runAt: null,
    idempotencyKey: null,
    requestHash: '',
    traceId: parent.traceId,
    now,
    partitions: await resolvePartitions(then.type),
  });
  return { parent, callback };
}
