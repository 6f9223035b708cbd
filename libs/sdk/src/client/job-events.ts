// One job followed live over GET /v1/jobs/:id/events: a `snapshot` first, then `progress` and `status`
// events, until the job is finished. The stream is only a notification channel (the job document is the
// truth), so when it breaks before the end it is opened again: the new snapshot says where the job is.
import { z } from 'zod';
import { UnexpectedResponseError } from './errors/unexpected-response-error.ts';
import { send, type GatewayConnection } from './gateway-requests.ts';
import { isFinished, jobProgressView, jobView, type Job, type JobProgress } from './job-views.ts';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.ts';

export type JobEvent =
  { kind: 'snapshot'; job: Job } | { kind: 'progress'; progress: JobProgress } | { kind: 'status'; job: Job };

/** A stream that ends this many times in a row without telling anything is not a stream of this API. */
const maxSilentStreams = 3;

/** The job's events, ending after the first one that shows it finished (a snapshot may be that one). */
export async function* followJob(
  connection: GatewayConnection,
  jobId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<JobEvent, void, undefined> {
  const path = `/v1/jobs/${encodeURIComponent(jobId)}/events`;
  let silentStreams = 0;
  for (;;) {
    // Aborted when this stream is left for any reason (the end, a break in the caller's loop, an error),
    // so that no connection stays open behind it.
    const streamDone = new AbortController();
    const response = await send(connection, {
      method: 'GET',
      path,
      headers: { accept: 'text/event-stream' },
      signal: signal === undefined ? streamDone.signal : AbortSignal.any([signal, streamDone.signal]),
    });
    if (response.body === null) throw new UnexpectedResponseError(`GET ${path}`, response.status, 'no body');
    let told = false;
    try {
      for await (const frame of readServerSentEvents(response.body)) {
        const event = jobEventOf(`GET ${path}`, response.status, frame);
        if (event === undefined) continue;
        told = true;
        yield event;
        if (event.kind !== 'progress' && isFinished(event.job.status)) return;
      }
    } catch (error) {
      // A reset in the middle of the stream is what reopening is for; the caller's abort is not.
      if (signal?.aborted === true || error instanceof UnexpectedResponseError) throw error;
    } finally {
      streamDone.abort();
    }
    silentStreams = told ? 0 : silentStreams + 1;
    if (silentStreams >= maxSilentStreams)
      throw new UnexpectedResponseError(
        `GET ${path}`,
        response.status,
        `the event stream ended ${String(maxSilentStreams)} times in a row without an event`,
      );
  }
}

function jobEventOf(what: string, status: number, frame: ServerSentEvent): JobEvent | undefined {
  // Events this client does not know are for newer clients.
  if (frame.event !== 'snapshot' && frame.event !== 'status' && frame.event !== 'progress') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(frame.data) as unknown;
  } catch {
    throw new UnexpectedResponseError(what, status, `a ${frame.event} event that is not JSON`);
  }
  if (frame.event === 'progress') {
    const { value, at } = parsed(what, status, jobProgressView, data);
    return { kind: 'progress', progress: { value, at } };
  }
  return { kind: frame.event, job: parsed(what, status, jobView, data) };
}

function parsed<S extends z.ZodType>(what: string, status: number, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new UnexpectedResponseError(what, status, result.error.message);
  return result.data;
}
