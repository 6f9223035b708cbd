// Cancel and retry by an operator, across tenants: the same writes and messages as the gateway's
// POST /v1/jobs/{id}/cancel and /retry (which act for the tenant of the API key). The job is read first
// for its tenant, because @conveyor/jobs' actions are a tenant's; a cancel of a running job also tells
// the worker running it (NATS, best-effort: a worker that misses it sees the mark at the handler's next
// progress or checkpoint), and a retry's message is published through the outbox.
import { jobCancelRequest, jobCancelSubject } from '@conveyor/contracts';
import type { Bus } from '@conveyor/bus';
import type { EventsClient } from '@conveyor/events';
import {
  JobFinishedError,
  JobNotRetryableError,
  cancelJob,
  findJob,
  jobsCollection,
  retryJob,
} from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';

export interface JobActionDeps {
  store: Store;
  bus: Bus;
  events: EventsClient;
  logger: Pick<Logger, 'warn'>;
}

/** `cancelled`: it never runs (again). `requested`: it runs; its handler's signal fires. */
export type CancelOutcome = 'cancelled' | 'cancel-requested' | 'already-finished' | 'not-found';

/** `retried`: a new run is accepted and published (or left to the outbox relay). */
export type RetryOutcome = 'retried' | 'not-retryable' | 'not-found';

export async function cancelJobAsOperator(deps: JobActionDeps, jobId: string): Promise<CancelOutcome> {
  const found = await findJob(deps.store, jobId);
  if (found === null) return 'not-found';
  try {
    const cancelled = await cancelJob(deps.store, found.tenantId, jobId);
    if (cancelled === null) return 'not-found';
    if (cancelled.outcome === 'cancelled') return 'cancelled';
    deps.events.publish(jobCancelSubject(found.tenantId, jobId), jobCancelRequest, {
      jobId,
      tenantId: found.tenantId,
      at: new Date().toISOString(),
    });
    return 'cancel-requested';
  } catch (error) {
    if (error instanceof JobFinishedError) return 'already-finished';
    throw error;
  }
}

export async function retryJobAsOperator(deps: JobActionDeps, jobId: string): Promise<RetryOutcome> {
  const found = await findJob(deps.store, jobId);
  if (found === null) return 'not-found';
  try {
    const retried = await retryJob(deps.store, found.tenantId, jobId);
    if (retried === null) return 'not-found';
    await publishOutboxOrLeaveToRelay(deps.store, (message) => deps.bus.publish(message), deps.logger, {
      collection: jobsCollection,
      docId: retried.job._id,
      entries: retried.entries,
      pending: retried.pending,
    });
    return 'retried';
  } catch (error) {
    if (error instanceof JobNotRetryableError) return 'not-retryable';
    throw error;
  }
}
