// One-off delayed jobs: `jobs` documents with status `scheduled` whose `runAt` has passed (server
// time) are marked `accepted` with their job.requested.v1 message in the same write, then published
// (message id `${jobId}:requested`, as the gateway uses, so a second leader or a relay re-publishing it is de-duplicated).
import { outboxEntries, withOutbox, type Store } from '@conveyor/store';
import type { Document, ObjectId } from 'mongodb';
import type { Logger } from 'pino';
import type { LeaderView } from '../leadership/leader-view.ts';
import { deliverOutbox, type Publish } from '../outbox/publish-outbox-entry.ts';
import { jobRequestedMessage } from './job-requested-message.ts';
import {
  jobRequestedMessageId,
  jobsCollection,
  scheduledJobDocument,
  type ScheduledJob,
} from './job-document.ts';

export interface OneOffJobs {
  /** Publishes the jobs due at `now`; the number published. */
  dispatchDue(now: Date): Promise<number>;
}

export interface OneOffJobsOptions {
  readonly store: Store;
  readonly publish: Publish;
  readonly leader: LeaderView;
  readonly logger: Logger;
  /** Jobs taken per tick; the rest wait for the next tick. */
  readonly batchSize?: number;
}

export function createOneOffJobs(options: OneOffJobsOptions): OneOffJobs {
  const { store, leader } = options;
  const logger = options.logger.child({ component: 'one-off-jobs' });
  const jobs = store.db.collection<{ _id: string | ObjectId }>(jobsCollection);
  const reportedInvalid = new Set<string>();

  async function accept(job: ScheduledJob, now: Date): Promise<boolean> {
    const fencingToken = leader.fencingToken();
    if (!leader.isLeader() || fencingToken === undefined) return false;
    const jobId = job._id.toString();
    const entries = outboxEntries(
      [
        jobRequestedMessage({
          messageId: jobRequestedMessageId(jobId),
          body: { jobId, tenantId: job.tenantId, jobType: job.type, payload: job.payload },
          priority: job.priority,
        }),
      ],
      now,
    );
    // Conditional on `scheduled`: only one accept per job. FerretDB does not isolate updates, so two
    // leaders could both match; they publish the same message id, which inboxes de-duplicate.
    const result = await jobs.updateOne(
      { _id: job._id, status: 'scheduled' },
      withOutbox({ status: 'accepted', acceptedAt: now, updatedAt: now, fencingToken }, entries),
    );
    if (result.matchedCount === 0) return false;
    await deliverOutbox({ ...options, logger }, { collection: jobsCollection, docId: jobId }, entries);
    logger.info(
      { jobId, tenantId: job.tenantId, jobType: job.type, runAt: job.runAt },
      'one-off job published',
    );
    return true;
  }

  function parse(document: Document): ScheduledJob | undefined {
    const parsed = scheduledJobDocument.safeParse(document);
    if (parsed.success) return parsed.data;
    const id = String(document._id);
    if (!reportedInvalid.has(id)) {
      reportedInvalid.add(id);
      logger.warn({ jobId: id, issues: parsed.error.issues }, 'scheduled job is invalid; left as it is');
    }
    return undefined;
  }

  return {
    async dispatchDue(now) {
      const due = await jobs
        .find({ status: 'scheduled', runAt: { $lte: now } })
        .sort({ runAt: 1 })
        .limit(options.batchSize ?? 100)
        .toArray();
      let published = 0;
      for (const document of due) {
        const job = parse(document);
        if (job !== undefined && (await accept(job, now))) published += 1;
      }
      return published;
    },
  };
}
