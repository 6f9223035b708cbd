// The client against a fake gateway (a fetch that answers like the gateway's API): what it sends, how
// it reads answers and event streams, and which typed errors it throws.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createClient } from './create-client.ts';
import { ConveyorApiError } from './errors/conveyor-api-error.ts';
import { GatewayUnreachableError } from './errors/gateway-unreachable-error.ts';
import { JobNotCompletedError } from './errors/job-not-completed-error.ts';
import { JobResultTimeoutError } from './errors/job-result-timeout-error.ts';
import type { JobHandle } from './job-handle.ts';
import type { JobProgress, JobStatus } from './job-views.ts';

interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Answer = (request: SentRequest, signal: AbortSignal | undefined) => Response;

/** A fetch that records each request and answers from `routes` ("METHOD /path" → answer, in turn). */
function fakeGateway(routes: Record<string, Answer[]>) {
  const sent: SentRequest[] = [];
  const fakeFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      url: url.href,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    sent.push(request);
    const answer = routes[`${request.method} ${url.pathname}`]?.shift();
    if (answer === undefined) return Promise.resolve(json(404, errorBody('ROUTE_NOT_FOUND', url.pathname)));
    return Promise.resolve(answer(request, init?.signal ?? undefined));
  };
  return { fetch: fakeFetch, sent };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

function job(status: JobStatus, extra: Record<string, unknown> = {}) {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: 'job-1',
    type: 'image.resize',
    payload: {},
    priority: 5,
    status,
    runAt: null,
    history: [],
    error: null,
    traceId: null,
    createdAt: at,
    updatedAt: at,
    links: { self: '/v1/jobs/job-1' },
    ...extra,
  };
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** An event stream of `frames`; left open (until the request is aborted) unless `end`. */
function eventStream(frames: string[], { end }: { end: boolean }): Answer {
  return (_request, signal) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const text of frames) controller.enqueue(new TextEncoder().encode(text));
        if (end) controller.close();
        else signal?.addEventListener('abort', () => controller.error(signal.reason));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

const resize = {
  type: 'image.resize',
  schema: z.object({ url: z.string(), width: z.number().default(100), shop: z.string() }),
  handler: (data: { url: string; width: number }) =>
    Promise.resolve({ url: data.url, bytes: data.width * 2 }),
};

describe('createClient', () => {
  it('enqueues a defined job with its data and options, and returns a handle on it', async () => {
    const gateway = fakeGateway({
      'POST /v1/jobs': [() => json(202, { id: 'job-1', status: 'scheduled', runAt: null, traceId: 't' })],
    });
    const client = createClient({ url: 'http://gateway.test/', apiKey: 'key-1', fetch: gateway.fetch });

    const handle = await client.enqueue(
      resize,
      { url: 'https://x/y.png', shop: 'north' },
      { priority: 7, delayMs: 1000, idempotencyKey: 'idem-1', orderingKey: 'north' },
    );

    expect(handle.id).toBe('job-1');
    const [request] = gateway.sent;
    expect(request?.url).toBe('http://gateway.test/v1/jobs');
    expect(request?.headers.get('authorization')).toBe('Bearer key-1');
    expect(request?.headers.get('idempotency-key')).toBe('idem-1');
    expect(request?.body).toEqual({
      type: 'image.resize',
      payload: { url: 'https://x/y.png', shop: 'north' },
      priority: 7,
      delayMs: 1000,
      orderingKey: 'north',
    });
  });

  it('types the data from the schema input and the result from the handler', async () => {
    const gateway = fakeGateway({
      'POST /v1/jobs': [() => json(202, { id: 'job-1', status: 'accepted', runAt: null, traceId: null })],
    });
    const client = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch });
    const handle = await client.enqueue(resize, { url: 'u', shop: 's' });
    expectTypeOf<Parameters<typeof client.enqueue<typeof resize>>[1]>().toEqualTypeOf<{
      url: string;
      width?: number | undefined;
      shop: string;
    }>();
    expectTypeOf(handle).toEqualTypeOf<JobHandle<{ url: string; bytes: number }>>();
  });

  it('enqueues by type name, with runAt as an ISO time and an explicit ordering key', async () => {
    const gateway = fakeGateway({
      'POST /v1/jobs': [() => json(202, { id: 'job-2', status: 'scheduled', runAt: null, traceId: null })],
    });
    const client = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch });
    await client.enqueue(
      'report.daily',
      { day: '2026-01-01' },
      { runAt: new Date('2026-01-02T00:00:00Z'), orderingKey: 'k' },
    );
    expect(gateway.sent[0]?.body).toEqual({
      type: 'report.daily',
      payload: { day: '2026-01-01' },
      runAt: '2026-01-02T00:00:00.000Z',
      orderingKey: 'k',
    });
  });

  it("throws the gateway's refusal as a ConveyorApiError with its status, code and details", async () => {
    const details = [{ location: 'body', field: 'type', code: 'unknown_job_type', message: 'unknown' }];
    const gateway = fakeGateway({
      'POST /v1/jobs': [() => json(422, errorBody('UNKNOWN_JOB_TYPE', 'no such job type', details))],
    });
    const client = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch });

    const refused = await client.enqueue('nope', {}).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ConveyorApiError);
    expect(refused).toMatchObject({ status: 422, code: 'UNKNOWN_JOB_TYPE', details, retryable: false });
  });

  it('throws a GatewayUnreachableError when fetch gets no answer', async () => {
    const client = createClient({
      url: 'http://gateway.test',
      apiKey: 'k',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(client.job('job-1').status()).rejects.toBeInstanceOf(GatewayUnreachableError);
  });

  it("lists jobs with the filter as the query, and reads the page's jobs with their defaults", async () => {
    const gateway = fakeGateway({
      'GET /v1/jobs': [() => json(200, { jobs: [job('completed')], nextCursor: 'c2' })],
    });
    const client = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch });

    const page = await client.list({ status: 'completed', type: 'image.resize', limit: 10, cursor: 'c1' });

    expect(new URL(gateway.sent[0]?.url ?? '').search).toBe(
      '?status=completed&type=image.resize&limit=10&cursor=c1',
    );
    expect(page.nextCursor).toBe('c2');
    expect(page.jobs[0]).toMatchObject({
      id: 'job-1',
      attempts: [],
      orderingKey: null,
      cancelRequested: false,
    });
  });
});

describe('a job handle', () => {
  it('returns the result once the event stream shows the job completed', async () => {
    const gateway = fakeGateway({
      'GET /v1/jobs/job-1/events': [
        eventStream(
          [
            frame('snapshot', job('running')),
            frame('progress', { jobId: 'job-1', value: 50, at: 'now' }),
            frame('status', job('completed', { result: { bytes: 3 } })),
          ],
          { end: true },
        ),
      ],
    });
    const client = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch });
    await expect(client.job('job-1').result()).resolves.toEqual({ bytes: 3 });
  });

  it('throws a JobNotCompletedError with the job when it ended failed or cancelled', async () => {
    const gateway = fakeGateway({
      'GET /v1/jobs/job-1/events': [
        eventStream([frame('snapshot', job('failed', { error: 'boom' }))], { end: true }),
        eventStream([frame('snapshot', job('cancelled'))], { end: true }),
      ],
    });
    const handle = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch }).job(
      'job-1',
    );

    const failed = await handle.result().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(JobNotCompletedError);
    expect(failed).toMatchObject({ code: 'JOB_ENDED_FAILED', job: { status: 'failed', error: 'boom' } });
    await expect(handle.result()).rejects.toMatchObject({ code: 'JOB_ENDED_CANCELLED' });
  });

  it('gives up after timeoutMs with a JobResultTimeoutError naming the last status, and closes the stream', async () => {
    let streamSignal: AbortSignal | undefined;
    const open = eventStream([frame('snapshot', job('running'))], { end: false });
    const gateway = fakeGateway({
      'GET /v1/jobs/job-1/events': [
        (request, signal) => {
          streamSignal = signal;
          return open(request, signal);
        },
      ],
    });
    const handle = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch }).job(
      'job-1',
    );

    const timedOut = await handle.result({ timeoutMs: 50 }).catch((error: unknown) => error);

    expect(timedOut).toBeInstanceOf(JobResultTimeoutError);
    expect(timedOut).toMatchObject({ jobId: 'job-1', timeoutMs: 50, lastStatus: 'running' });
    expect(streamSignal?.aborted).toBe(true);
  });

  it('yields progress values until the job is finished, opening the stream again when it breaks', async () => {
    const gateway = fakeGateway({
      'GET /v1/jobs/job-1/events': [
        eventStream(
          [frame('snapshot', job('running')), frame('progress', { jobId: 'job-1', value: 10, at: 'a' })],
          { end: true },
        ),
        eventStream(
          [
            frame('snapshot', job('running')),
            frame('progress', { jobId: 'job-1', value: { step: 'two' }, at: 'b' }),
            frame('status', job('completed')),
            frame('progress', { jobId: 'job-1', value: 'never read', at: 'c' }),
          ],
          { end: true },
        ),
      ],
    });
    const handle = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch }).job(
      'job-1',
    );

    const seen: JobProgress[] = [];
    for await (const progress of handle.progress()) seen.push(progress);

    expect(seen).toEqual([
      { value: 10, at: 'a' },
      { value: { step: 'two' }, at: 'b' },
    ]);
  });

  it('cancels and retries with the POST routes, returning the job as the gateway shows it', async () => {
    const gateway = fakeGateway({
      'POST /v1/jobs/job-1/cancel': [() => json(200, job('running', { cancelRequested: true }))],
      'POST /v1/jobs/job-1/retry': [
        () => json(409, errorBody('JOB_NOT_RETRYABLE', 'only a failed or cancelled job can be retried')),
      ],
    });
    const handle = createClient({ url: 'http://gateway.test', apiKey: 'k', fetch: gateway.fetch }).job(
      'job-1',
    );

    await expect(handle.cancel()).resolves.toMatchObject({ status: 'running', cancelRequested: true });
    await expect(handle.retry()).rejects.toMatchObject({ status: 409, code: 'JOB_NOT_RETRYABLE' });
  });
});
