// Handles job.requested.v1: runs the job type, then records the outcome on the job document (when the
// gateway or scheduler made one) and on the schedule run (so overlap `skip` sees it finished).
import type { InboundMessage } from '@conveyor/bus';
import {
  PermanentError,
  errorMessage,
  isRetryable,
  type BodyOf,
  type jobRequested,
} from '@conveyor/contracts';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { jobTypes } from '../jobs/job-types.ts';

type JobMessage = InboundMessage<BodyOf<typeof jobRequested>>;

export function runJob(db: Db, logger: Logger, maxAttempts: number) {
  const jobs = db.collection<{ _id: string; tenantId: string }>('jobs');
  const runs = db.collection<{ _id: string; tenantId: string }>('schedule_runs');

  async function record(message: JobMessage, fields: Record<string, unknown>): Promise<void> {
    const { jobId, tenantId, scheduleRunId } = message.body;
    const set = { ...fields, updatedAt: new Date() };
    await jobs.updateOne({ _id: jobId, tenantId }, { $set: set });
    if (scheduleRunId !== undefined) await runs.updateOne({ _id: scheduleRunId, tenantId }, { $set: set });
  }

  return async (message: JobMessage): Promise<void> => {
    const { jobId, tenantId, jobType, payload } = message.body;
    const runner = jobTypes.get(jobType);
    if (runner === undefined) {
      await record(message, { status: 'failed', error: `no runner for job type ${jobType}` });
      throw new PermanentError('UNKNOWN_JOB_TYPE', `no runner for job type ${jobType}`);
    }
    await record(message, { status: 'running' });
    try {
      const result = await runner({ jobId, tenantId, payload, db, signal: message.signal });
      await record(message, { status: 'completed', result, error: null });
      logger.info({ jobId, jobType, tenantId }, 'job completed');
    } catch (error) {
      const final = !isRetryable(error) || message.envelope.attempt >= maxAttempts;
      if (final) await record(message, { status: 'failed', error: errorMessage(error) });
      throw error;
    }
  };
}
