// One-off delayed jobs: on each tick the leader accepts the `scheduled` jobs whose `runAt` has passed
// (server time) through @conveyor/jobs, which writes each one `accepted` with its job.requested.v1
// message, then publishes it. Leadership is checked right before every write.
import { acceptScheduledJob, dueScheduledJobs, jobsCollection, type ScheduledJob } from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay, type PublishOutgoing } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { LeaderView } from '../leadership/leader-view.ts';

export interface OneOffJobs {
  /** Publishes the jobs due at `now`; the number published. */
  dispatchDue(now: Date): Promise<number>;
}

export interface OneOffJobsOptions {
  readonly store: Store;
  readonly publish: PublishOutgoing;
  readonly leader: LeaderView;
  readonly logger: Logger;
  /** Jobs taken per tick; the rest wait for the next tick. */
  readonly batchSize?: number;
}

export function createOneOffJobs(options: OneOffJobsOptions): OneOffJobs {
  const { store, leader, publish } = options;
  const logger = options.logger.child({ component: 'one-off-jobs' });
  const reportedInvalid = new Set<string>();

  async function accept(job: ScheduledJob, now: Date): Promise<boolean> {
    const fencingToken = leader.fencingToken();
    if (!leader.isLeader() || fencingToken === undefined) return false;
    const accepted = await acceptScheduledJob(store, job, { now, fencingToken });
    if (accepted === undefined) return false;
    const jobId = job._id.toString();
    // The gateway's relay publishes it if this fails (it owns the relay of `jobs`).
    await publishOutboxOrLeaveToRelay(store, publish, logger, {
      collection: jobsCollection,
      docId: jobId,
      entries: accepted.entries,
      pending: accepted.pending,
    });
    logger.info(
      { jobId, tenantId: job.tenantId, jobType: job.type, runAt: job.runAt },
      'one-off job published',
    );
    return true;
  }

  return {
    async dispatchDue(now) {
      const due = await dueScheduledJobs(store, now, options.batchSize ?? 100);
      let published = 0;
      for (const { id, parsed } of due) {
        if (!parsed.success) {
          if (!reportedInvalid.has(id)) {
            reportedInvalid.add(id);
            logger.warn(
              { jobId: id, issues: parsed.error.issues },
              'scheduled job is invalid; left as it is',
            );
          }
          continue;
        }
        if (await accept(parsed.data, now)) published += 1;
      }
      return published;
    },
  };
}
