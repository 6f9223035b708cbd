// Generic background jobs (e.g. the daily report): requested by the gateway or the scheduler.
import { z } from 'zod';
import { defineMessage } from '../message-type.ts';
import { tenantId } from './orders.ts';

export const jobRequested = defineMessage(
  'job.requested.v1',
  z.strictObject({
    jobId: z.string().min(1).max(128),
    tenantId,
    /** What to run, e.g. `report.daily`; workers register the job types they run. */
    jobType: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z][a-z0-9.-]*$/),
    payload: z.record(z.string(), z.unknown()),
    /** Set when a schedule fired it: `scheduleId:fireTime`. */
    scheduleRunId: z.string().optional(),
    /** Jobs of one type with the same key run one at a time, in publish order. */
    orderingKey: z.string().min(1).max(256).optional(),
    /** Set on the children of a batch job: the parent completes when all of them are done. */
    parentJobId: z.string().min(1).max(128).optional(),
  }),
);

/** Marks the partition of an ordered type; `~` cannot appear in a job type, so keys never collide. */
const partitionMark = '~p';

/**
 * The routing key of a job.requested.v1 on the events exchange: one per job type, so that each type's
 * queue binds only its own jobs (and, for an ordered type, one per partition of its keys).
 */
export function jobRequestedRoutingKey(jobType: string, partition?: number): string {
  const typed = `${jobRequested.name}.${jobType}`;
  return partition === undefined ? typed : `${typed}.${partitionMark}${String(partition)}`;
}

/**
 * Which partition an ordering key belongs to: FNV-1a (32 bit) of its UTF-8 bytes, modulo the type's
 * partitions. Written out so that a producer in any language computes the same partition.
 */
export function orderingPartition(orderingKey: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(orderingKey)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
