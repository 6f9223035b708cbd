// The live stream of one job's page: the handler's progress reports as they come (NATS, best-effort,
// the same subject the gateway's SSE follows), and the job re-read every poll period, which sends each
// change of status, run or cancel mark, and the stored progress when no live report has come (NATS
// away, or a report made before the page subscribed). Ends once the job has finished.
import { jobProgressEvent, jobProgressSubject } from '@conveyor/contracts';
import type { EventsClient, EventSubscription } from '@conveyor/events';
import { findJob, isFinishedJobStatus, type JobDocument } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { progressText } from '../views/format.ts';
import { openSseStream, type OpenStreams, type SseStream } from './sse-stream.ts';

export interface JobStreamOptions {
  store: Store;
  events: EventsClient;
  jobId: string;
  pollMs: number;
  logger: Pick<Logger, 'warn'>;
  openStreams: OpenStreams;
}

/** What a status line says: the status, the run after a retry, a cancel asked for, the error. */
function statusLine(job: JobDocument): string {
  const run = job.run > 1 ? ` (run ${String(job.run)})` : '';
  const cancel = job.cancelRequested && job.status === 'running' ? ' — cancel requested' : '';
  const error = job.error === null || job.error === undefined ? '' : ` — ${job.error}`;
  return `${job.updatedAt.toISOString()} ${job.status}${run}${cancel}${error}`;
}

export async function openJobStream(reply: FastifyReply, options: JobStreamOptions): Promise<void> {
  const { store, events, jobId, logger } = options;
  const first = await findJob(store, jobId);
  if (first === null) throw new NotFoundError('job', jobId);

  let liveProgress = false;
  let subscription: EventSubscription | undefined;
  // Subscribed before the stream opens; an event in between is dropped (the re-read sends the stored one).
  const forward: { to?: SseStream } = {};
  if (events.isConnected()) {
    subscription = events.subscribe(jobProgressSubject(first.tenantId, jobId), jobProgressEvent, (event) => {
      if (forward.to === undefined) return;
      liveProgress = true;
      forward.to.update({ progress: progressText(event.value) });
    });
    // Subscribed at the server before the page hears "live": a report made after that reaches it.
    await events.connection.flush().catch((error: unknown) => {
      logger.warn({ err: error, jobId }, 'live job stream could not confirm its NATS subscription');
    });
  }
  const stream = openSseStream(reply, options.openStreams);
  forward.to = stream;

  let last: JobDocument | undefined;
  const send = (job: JobDocument) => {
    const statusChanged =
      last === undefined ||
      job.status !== last.status ||
      job.run !== last.run ||
      job.cancelRequested !== last.cancelRequested;
    const progressChanged =
      !liveProgress && (last === undefined || JSON.stringify(job.progress) !== JSON.stringify(last.progress));
    last = job;
    if (!statusChanged && !progressChanged) {
      stream.keepAlive();
      return;
    }
    stream.update({
      ...(statusChanged ? { status: job.status, line: statusLine(job) } : {}),
      ...(progressChanged ? { progress: progressText(job.progress) } : {}),
    });
    if (isFinishedJobStatus(job.status)) stream.end();
  };
  const poll = setInterval(() => {
    findJob(store, jobId).then(
      (job) => {
        if (!stream.closed && job !== null) send(job);
      },
      (error: unknown) => {
        logger.warn({ err: error, jobId }, 'live job stream could not re-read the job');
      },
    );
  }, options.pollMs);
  stream.onClose(() => {
    clearInterval(poll);
    void subscription?.unsubscribe();
  });
  send(first);
}
