// Accepting a job of a registered type, for every place that makes one on a caller's behalf (the
// gateway's POST /v1/jobs and schedule run-now, the dashboard's run-now): its type and data checked
// against the registry (UnknownJobTypeError / InvalidJobPayloadError), its ordering key and partition
// derived, the job written with its message, and the message published (or left to the relay).
import { publishOutboxOrLeaveToRelay, type PublishOutgoing } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { jobsCollection } from './job-document.ts';
import type { JobTypeCatalog } from './job-types/job-type-catalog.ts';
import { orderingKeyOf } from './job-types/ordering-key.ts';
import { submitJob, type SubmitJobInput, type SubmitJobResult } from './submit-job.ts';

export interface AcceptJobDeps {
  store: Store;
  publish: PublishOutgoing;
  jobTypes: JobTypeCatalog;
  logger: Pick<Logger, 'warn'>;
}

export type AcceptJobInput = Omit<SubmitJobInput, 'orderingKey' | 'partitions'> & {
  /** Given by the caller; an ordered type's default is the value of its key field. */
  orderingKey?: string | undefined;
};

export async function acceptRegisteredJob(
  deps: AcceptJobDeps,
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
    await publishOutboxOrLeaveToRelay(deps.store, deps.publish, deps.logger, {
      collection: jobsCollection,
      docId: job._id,
      entries: job.outbox,
      pending,
    });
  }
  return submitted;
}
