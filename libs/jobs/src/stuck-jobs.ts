// Nothing leaves a job `accepted` for ever. A job accepted longer than `stuckAfterMs` ago whose write is
// no longer pending in the outbox had its job.requested.v1 published (or set aside, or lost on the
// way), yet no job worker has marked it `running`. What a careful job system does about it:
// - publish the message again under its own message id: if a copy is still queued, or was done, the
//   job worker's inbox skips this one, so a re-publish can never run a job twice; if the message was
//   lost (a queue deleted or purged, a broker that lost it), this is what runs the job;
// - count the re-publishes in `job_sweeps` (an insert per re-publish, `_id` `<jobId>:sweep:<run>:<n>`, so two
//   watchers never both send the n-th), and after `maxRepublishes` mark the job `failed` with the reason
//   rather than retry for ever; likewise at once when the message can never be published (too large,
//   or the job carries none);
// - leave a job whose write is still pending to the relay (the broker is down): reported, not touched.
import { toOutgoingMessage, pendingOutboxWrites, type PublishOutgoing } from '@conveyor/outbox';
import { createIndexesOneByOne, isDuplicateKeyError, type Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { failUnstartedJob } from './fail-unstarted-job.ts';
import { jobDocument, jobsCollection, type JobDocument } from './job-document.ts';
import { jobRequestedMessageId } from './job-message.ts';
import { jobs } from './jobs-collection.ts';

export const jobSweepsCollection = 'job_sweeps';

interface JobSweepRecord {
  _id: string;
  jobId: string;
  /** The job's run (a retry is a new run, with a new message and its own re-publishes). */
  run: number;
  tenantId: string;
  n: number;
  sweptAt: Date;
}

export interface StuckJobSweepOptions {
  store: Store;
  /** Publishes and resolves once the broker confirmed (bus.publish). */
  publish: PublishOutgoing;
  logger: Logger;
  /** A job accepted (last updated) longer ago than this is looked at. */
  stuckAfterMs: number;
  /** Re-publishes of one job's message before the job is marked failed. */
  maxRepublishes: number;
  /** True when a publish failure means the message can never go out (the job then fails at once). */
  unpublishable: (error: unknown) => boolean;
  /** Jobs looked at per run; default 100. */
  batchSize?: number;
}

export interface StuckJobReport {
  /** Past the bound but still pending in the outbox: the relay will publish them. */
  waitingForRelay: number;
  republished: number;
  failed: number;
}

export interface StuckJobSweep {
  run(now: Date): Promise<StuckJobReport>;
}

export async function ensureJobSweepIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, jobSweepsCollection, [{ key: { jobId: 1 }, name: 'jobId' }]);
}

/** Retention of the sweep's own records (with the jobs': see deleteFinishedJobsOlderThan). */
export async function deleteJobSweepsOlderThan(store: Store, cutoff: Date): Promise<number> {
  const deleted = await store.db.collection(jobSweepsCollection).deleteMany({ sweptAt: { $lt: cutoff } });
  return deleted.deletedCount;
}

type Outcome = keyof StuckJobReport | 'skipped';

export function createStuckJobSweep(options: StuckJobSweepOptions): StuckJobSweep {
  const { store, maxRepublishes } = options;
  const logger = options.logger.child({ component: 'stuck-job-sweep' });
  const sweeps = store.db.collection<JobSweepRecord>(jobSweepsCollection);

  async function fail(job: JobDocument, reason: string, now: Date): Promise<Outcome> {
    const failed = await failUnstartedJob(store, job._id, reason, now);
    if (failed) logger.error({ jobId: job._id, tenantId: job.tenantId, reason }, 'stuck job marked failed');
    return failed ? 'failed' : 'skipped';
  }

  async function sweepJob(job: JobDocument, now: Date): Promise<Outcome> {
    const messageId = jobRequestedMessageId(job._id, job.run);
    const entry = job.outbox?.find((candidate) => candidate.messageId === messageId);
    if (entry === undefined) return fail(job, 'accepted without its job.requested.v1 message', now);
    const n = (await sweeps.countDocuments({ jobId: job._id, run: job.run })) + 1;
    if (n > maxRepublishes) {
      return fail(
        job,
        `not started: its message was published and then re-published ${maxRepublishes} times, and no job worker took it`,
        now,
      );
    }
    try {
      await sweeps.insertOne({
        _id: `${job._id}:sweep:${String(job.run)}:${String(n)}`,
        jobId: job._id,
        run: job.run,
        tenantId: job.tenantId,
        n,
        sweptAt: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'skipped';
      throw error;
    }
    try {
      await options.publish(toOutgoingMessage(entry));
    } catch (error) {
      if (!options.unpublishable(error)) throw error;
      return fail(
        job,
        `its message can never be published: ${error instanceof Error ? error.message : String(error)}`,
        now,
      );
    }
    logger.warn(
      { jobId: job._id, tenantId: job.tenantId, messageId, republish: n, acceptedAt: job.updatedAt },
      'job accepted but not started: its message re-published',
    );
    return 'republished';
  }

  return {
    async run(now) {
      const report: StuckJobReport = { waitingForRelay: 0, republished: 0, failed: 0 };
      const cutoff = new Date(now.getTime() - options.stuckAfterMs);
      // `status` is the part FerretDB filters in PostgreSQL; few jobs stay accepted for long.
      const stuck = await jobs(store)
        .find({ status: 'accepted', updatedAt: { $lt: cutoff } })
        .limit(options.batchSize ?? 100)
        .toArray();
      if (stuck.length === 0) return report;
      const pending = await pendingOutboxWrites(store, jobsCollection, 10_000);
      const pendingJobs = new Set(pending.writes.map((write) => String(write.docId)));
      for (const document of stuck) {
        const parsed = jobDocument.safeParse(document);
        if (!parsed.success) {
          logger.warn(
            { jobId: document._id, issues: parsed.error.issues },
            'stuck job is unreadable; left alone',
          );
          continue;
        }
        const job = parsed.data;
        if (pendingJobs.has(job._id)) {
          report.waitingForRelay += 1;
          logger.warn(
            { jobId: job._id, acceptedAt: job.updatedAt },
            'job accepted long ago still waits for the outbox relay',
          );
          continue;
        }
        try {
          const outcome = await sweepJob(job, now);
          if (outcome !== 'skipped') report[outcome] += 1;
        } catch (error) {
          logger.error(
            { err: error, jobId: job._id },
            'stuck job sweep failed for this job; tried again next run',
          );
        }
      }
      return report;
    },
  };
}
