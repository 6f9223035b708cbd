// GET /v1/jobs/{id}/events: a job followed live as Server-Sent Events. A `snapshot` first; then each
// progress report its handler makes (NATS, best-effort) as a `progress` event, and the job re-read
// every `pollMs` (one `_id` read) to send a `status` event when it changed, until it has finished.
// Without NATS the stream still works: progress then comes from the re-read document.
import { jobProgressEvent, jobProgressSubject } from '@conveyor/contracts';
import type { EventsClient, EventSubscription } from '@conveyor/events';
import { getJob, isFinishedJobStatus, type JobDocument } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { sseFrame, sseKeepAlive } from '../http/sse-frame.ts';
import { startSseResponse } from '../http/sse-response.ts';
import type { OpenStreams } from '../orders/open-streams.ts';
import { toJobView } from './job-view.ts';

export interface JobEventStreamOptions {
  events: EventsClient;
  store: Store;
  tenantId: string;
  jobId: string;
  heartbeatMs: number;
  /** How often the job is re-read for status changes; 1000 ms. */
  pollMs?: number;
  logger: Pick<Logger, 'warn'>;
  openStreams: OpenStreams;
  headers: Record<string, string>;
}

/** Resolves once the stream is open; a missing job throws (404) before any byte is sent. */
export async function openJobEventStream(reply: FastifyReply, options: JobEventStreamOptions): Promise<void> {
  const { events, store, tenantId, jobId } = options;
  const first = await getJob(store, tenantId, jobId);
  if (first === null) throw new NotFoundError('job', jobId);

  const raw = startSseResponse(reply, options.headers);
  raw.write(sseFrame({ event: 'snapshot', data: toJobView(first) }));

  let last: JobDocument = first;
  let closed = false;
  let subscription: EventSubscription | undefined;
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    options.openStreams.delete(close);
    for (const timer of timers) clearInterval(timer);
    void subscription?.unsubscribe();
    raw.end();
  };
  if (isFinishedJobStatus(first.status)) {
    close();
    return;
  }
  options.openStreams.add(close);
  raw.once('close', close);

  let liveProgress = false;
  if (events.isConnected()) {
    subscription = events.subscribe(jobProgressSubject(tenantId, jobId), jobProgressEvent, (event) => {
      liveProgress = true;
      if (!closed) raw.write(sseFrame({ event: 'progress', data: event }));
    });
  }
  const reread = async () => {
    const job = await getJob(store, tenantId, jobId);
    if (closed) return;
    if (job === null) {
      close();
      return;
    }
    if (!liveProgress && JSON.stringify(job.progress) !== JSON.stringify(last.progress))
      raw.write(
        sseFrame({
          event: 'progress',
          data: { jobId, tenantId, value: job.progress, at: job.updatedAt.toISOString() },
        }),
      );
    if (job.status !== last.status || job.run !== last.run || job.cancelRequested !== last.cancelRequested)
      raw.write(sseFrame({ event: 'status', data: toJobView(job) }));
    last = job;
    if (isFinishedJobStatus(job.status)) close();
  };
  timers.push(
    setInterval(() => {
      reread().catch((error: unknown) =>
        options.logger.warn({ err: error, jobId }, 'job stream re-read failed'),
      );
    }, options.pollMs ?? 1_000),
    setInterval(() => raw.write(sseKeepAlive), options.heartbeatMs),
  );
}
