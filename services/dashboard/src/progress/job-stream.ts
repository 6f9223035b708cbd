// The live stream of one job's page. Jobs publish no progress events, so the job is re-read every
// poll period and each change of status is sent; the stream ends once it is completed or failed.
import { findJob, isFinishedJobStatus, type JobDocument } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundError } from '../errors/not-found-error.ts';
import { openSseStream, type OpenStreams } from './sse-stream.ts';

export interface JobStreamOptions {
  store: Store;
  jobId: string;
  pollMs: number;
  logger: Pick<Logger, 'warn'>;
  openStreams: OpenStreams;
}

export async function openJobStream(reply: FastifyReply, options: JobStreamOptions): Promise<void> {
  const { store, jobId, logger } = options;
  const first = await findJob(store, jobId);
  if (first === null) throw new NotFoundError('job', jobId);
  const stream = openSseStream(reply, options.openStreams);
  let lastSeen = '';
  const send = (job: JobDocument) => {
    const seen = `${job.status}@${job.updatedAt.toISOString()}`;
    if (seen === lastSeen) {
      stream.keepAlive();
      return;
    }
    lastSeen = seen;
    const error = job.error === null || job.error === undefined ? '' : ` — ${job.error}`;
    stream.update({ status: job.status, line: `${job.updatedAt.toISOString()} ${job.status}${error}` });
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
  stream.onClose(() => clearInterval(poll));
  send(first);
}
