// One delivery of a job.requested.v1 to its handler: start the attempt on the job (or skip a job that
// was cancelled or has finished), check the data against the type's schema, run the handler with its
// context, and end the attempt: completed, waiting for its children, cancelled (acked: never retried),
// or failed, in which case the error goes back to the bus, which retries it through a delay tier or
// dead-letters it with the reason. A child's end is counted on its parent, a schedule's run is ended.
import { HandlerStopTimeoutError, type InboundMessage } from '@conveyor/bus';
import {
  PermanentError,
  errorMessage,
  isRetryable,
  type BodyOf,
  type jobRequested,
} from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import {
  JobsErrorCode,
  endJobAttempt,
  jobsCollection,
  recordChildEnd,
  recordJobCheckpoint,
  startJobRun,
  type AttemptEnd,
  type JobTypeCatalog,
  type StartedAttempt,
  type SubmitJobResult,
} from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay, type PublishOutgoing } from '@conveyor/outbox';
import { recordRunOutcome } from '@conveyor/schedules';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { JobDefinition } from '../define-job.ts';
import { WorkerErrorCode } from '../errors/worker-error-codes.ts';
import { fanOutOf, isFanOut, type JobContext } from '../job-context.ts';
import { submitFanOut } from './submit-fan-out.ts';
import { progressReporter } from './progress-reporter.ts';
import { wasCancelled, type RunningJobs } from './running-jobs.ts';
import type { HandlerInvoker } from './handler-invoker.ts';

/** How a run ended, for its schedule run and its batch parent. */
type RunEnd = 'completed' | 'failed' | 'cancelled';

export type JobMessage = InboundMessage<BodyOf<typeof jobRequested>>;

export interface AttemptDeps {
  store: Store;
  events: EventsClient | null;
  publish: PublishOutgoing;
  logger: Logger;
  running: RunningJobs;
  /** The registry, for the partitions of a fan-out's ordered children. */
  catalog: JobTypeCatalog;
  invoke: HandlerInvoker;
}

/** `maxAttempts`: the queue's (1 on an ordered partition, whose attempts happen in place). */
export function runAttempt(
  deps: AttemptDeps,
  definitions: ReadonlyMap<string, JobDefinition>,
  maxAttempts: number,
) {
  const { store, logger } = deps;

  async function publishSubmitted(submitted: readonly SubmitJobResult[]): Promise<void> {
    for (const { job, created, pending } of submitted) {
      if (!created || job.outbox === undefined) continue;
      await publishOutboxOrLeaveToRelay(store, deps.publish, logger, {
        collection: jobsCollection,
        docId: job._id,
        entries: job.outbox,
        pending,
      });
    }
  }

  async function afterEnd(message: JobMessage, end: RunEnd, detail: { result?: unknown; error?: string }) {
    const { parentJobId, scheduleRunId, tenantId } = message.body;
    if (scheduleRunId !== undefined) {
      const outcome =
        end === 'completed'
          ? { status: 'completed' as const, result: detail.result, error: null }
          : { status: 'failed' as const, error: detail.error ?? end };
      await recordRunOutcome(store, { runId: scheduleRunId, tenantId }, outcome);
    }
    // Also when this copy found the child already ended: a crash may have come between the two.
    if (parentJobId === undefined) return;
    const parentEnd = await recordChildEnd(store, { parentJobId, tenantId }, (type) =>
      deps.catalog.partitionsOf(type),
    );
    if (parentEnd?.callback != null) await publishSubmitted([parentEnd.callback]);
  }

  async function end(
    message: JobMessage,
    attempt: StartedAttempt,
    outcome: AttemptEnd,
    lastProgress?: { value: unknown },
  ): Promise<void> {
    const { jobId, tenantId } = message.body;
    await endJobAttempt(store, { jobId, tenantId }, attempt, outcome, new Date(), lastProgress);
  }

  return async (message: JobMessage): Promise<void> => {
    const { jobId, tenantId, jobType, payload } = message.body;
    const definition = definitions.get(jobType);
    if (definition === undefined)
      throw new PermanentError(WorkerErrorCode.notRunHere, `this worker does not run job type ${jobType}`);
    const start = await startJobRun(
      store,
      {
        jobId,
        tenantId,
        jobType,
        payload,
        priority: message.envelope.priority,
        orderingKey: message.body.orderingKey,
        parentJobId: message.body.parentJobId,
      },
      message.envelope.attempt,
    );
    if (start.kind === 'skip') {
      logger.info({ jobId, jobType, status: start.status }, 'job not run: it is not waiting to run');
      return;
    }
    const log = logger.child({ jobId, jobType, tenantId, attempt: start.attempt.attempt });
    if (start.cancelRequested) {
      await end(message, start.attempt, { outcome: 'cancelled' });
      await afterEnd(message, 'cancelled', {});
      return;
    }
    if (message.body.scheduleRunId !== undefined)
      await recordRunOutcome(store, { runId: message.body.scheduleRunId, tenantId }, { status: 'running' });
    const data = definition.schema.safeParse(payload);
    if (!data.success) {
      const error = `the data fails the ${jobType} schema: ${data.error.issues
        .map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`)
        .join('; ')}`;
      await end(message, start.attempt, { outcome: 'failed', error });
      await afterEnd(message, 'failed', { error });
      throw new PermanentError(JobsErrorCode.invalidJobPayload, error);
    }

    const cancel = deps.running.track(jobId);
    const signal = AbortSignal.any([message.signal, cancel.signal]);
    const progress = progressReporter({
      store,
      events: deps.events,
      jobId,
      tenantId,
      onCancelRequested: () => deps.running.cancel(jobId),
    });
    const context: JobContext = {
      jobId,
      tenantId,
      type: jobType,
      attempt: start.attempt.attempt,
      signal,
      logger: log,
      lastCheckpoint: start.lastCheckpoint,
      progress: (value) => progress.report(value),
      checkpoint: async (state) => {
        const signals = await recordJobCheckpoint(store, { jobId, tenantId }, state);
        if (signals.cancelRequested) deps.running.cancel(jobId);
      },
      fanOut: (children, options) => fanOutOf(children, options),
    };
    const startedAt = performance.now();
    try {
      const result = await deps.invoke(definition, data.data, context);
      if (isFanOut(result)) {
        await publishSubmitted(await submitFanOut(deps, message, result));
        await end(message, start.attempt, { outcome: 'waiting' }, progress.unwritten());
        log.info({ children: result.children.length }, 'job waits for its children');
        return;
      }
      await end(message, start.attempt, { outcome: 'completed', result }, progress.unwritten());
      await afterEnd(message, 'completed', { result });
      log.info({ durationMs: Math.round(performance.now() - startedAt) }, 'job completed');
    } catch (error) {
      if (wasCancelled(cancel)) {
        await end(message, start.attempt, { outcome: 'cancelled' }, progress.unwritten());
        await afterEnd(message, 'cancelled', {});
        log.info('job cancelled while it ran');
        return;
      }
      // Handed back at shutdown: not an attempt of the job's, the next worker runs it again.
      if (message.signal.reason instanceof HandlerStopTimeoutError) throw error;
      const final = !isRetryable(error) || message.envelope.attempt >= maxAttempts;
      const reason = errorMessage(error);
      await end(
        message,
        start.attempt,
        final ? { outcome: 'failed', error: reason } : { outcome: 'retrying', error: reason },
        progress.unwritten(),
      );
      if (final) await afterEnd(message, 'failed', { error: reason });
      throw error;
    } finally {
      deps.running.untrack(jobId, cancel);
    }
  };
}
