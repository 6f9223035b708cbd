// Accepting a job of a registered type, for every route that makes one (POST /v1/jobs, a schedule run
// now): its type and data checked against the registry (422 otherwise), its ordering key and partition
// derived, the job written with its message, and the message published (or left to the relay).
import type { Bus } from '@conveyor/bus';
import {
  jobsCollection,
  orderingKeyOf,
  submitJob,
  type JobTypeCatalog,
  type SubmitJobInput,
  type SubmitJobResult,
} from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { FastifyBaseLogger } from 'fastify';

export interface AcceptJobDeps {
  store: Store;
  bus: Bus;
  jobTypes: JobTypeCatalog;
}

export type AcceptJobInput = Omit<SubmitJobInput, 'orderingKey' | 'partitions'> & {
  /** Given by the caller; an ordered type's default is the value of its key field. */
  orderingKey?: string | undefined;
};

export async function acceptJob(
  deps: AcceptJobDeps,
  log: FastifyBaseLogger,
  input: AcceptJobInput,
): Promise<SubmitJobResult> {
  const registered = await deps.jobTypes.check(input.type, input.payload);
  const submitted = await submitJob(deps.store, {
    ...input,
    orderingKey: orderingKeyOf(registered, input.payload, input.orderingKey),
    partitions: registered.ordered?.partitions ?? null,
  });
  const { job, created, pending } = submitted;
  if (created && job.outbox !== undefined) {
    await publishOutboxOrLeaveToRelay(deps.store, (message) => deps.bus.publish(message), log, {
      collection: jobsCollection,
      docId: job._id,
      entries: job.outbox,
      pending,
    });
  }
  return submitted;
}
