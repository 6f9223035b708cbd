// Handles job.requested.v1: runs the job type, then records the outcome through the owners: on the job
// document (@conveyor/jobs; when the gateway or scheduler made one) and on the schedule run
// (@conveyor/schedules; so that overlap `skip` sees it finish).
import type { InboundMessage } from '@conveyor/bus';
import {
  PermanentError,
  errorMessage,
  isRetryable,
  type BodyOf,
  type jobRequested,
} from '@conveyor/contracts';
import { recordJobOutcome, type JobOutcome } from '@conveyor/jobs';
import { recordRunOutcome } from '@conveyor/schedules';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { JobWorkerErrorCode } from '../job-worker-error-codes.ts';
import { jobTypes } from '../jobs/job-types.ts';

type JobMessage = InboundMessage<BodyOf<typeof jobRequested>>;

export function runJob(store: Store, logger: Logger, maxAttempts: number) {
  async function record(message: JobMessage, outcome: JobOutcome): Promise<void> {
    const { jobId, tenantId, scheduleRunId } = message.body;
    const now = new Date();
    await recordJobOutcome(store, { jobId, tenantId }, outcome, now);
    if (scheduleRunId !== undefined)
      await recordRunOutcome(store, { runId: scheduleRunId, tenantId }, outcome, now);
  }

  return async (message: JobMessage): Promise<void> => {
    const { jobId, tenantId, jobType, payload } = message.body;
    const runner = jobTypes.get(jobType);
    if (runner === undefined) {
      await record(message, { status: 'failed', error: `no runner for job type ${jobType}` });
      throw new PermanentError(JobWorkerErrorCode.unknownJobType, `no runner for job type ${jobType}`);
    }
    const startedAt = performance.now();
    await record(message, { status: 'running' });
    try {
      const result = await runner({ jobId, tenantId, payload, db: store.db, signal: message.signal });
      await record(message, { status: 'completed', result, error: null });
      const durationMs = Math.round(performance.now() - startedAt);
      logger.info({ jobId, jobType, tenantId, durationMs }, 'job completed');
    } catch (error) {
      const final = !isRetryable(error) || message.envelope.attempt >= maxAttempts;
      if (final) await record(message, { status: 'failed', error: errorMessage(error) });
      throw error;
    }
  };
}
