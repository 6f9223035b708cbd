// createClient(): the HTTP client a user's application enqueues and follows jobs with, over the
// gateway's API with an API key. Global fetch (Node 22+), or the one given (tests, proxies, retries).
import { submitJobRequest, type EnqueueOptions } from './enqueue-options.ts';
import type { EnqueueableJob, JobInput, JobResult } from './enqueueable-job.ts';
import { sendForJson, type GatewayConnection } from './gateway-requests.ts';
import { createJobHandle, type JobHandle } from './job-handle.ts';
import {
  jobAccepted,
  jobPage,
  jobTypeList,
  type JobPage,
  type JobStatus,
  type JobTypeInfo,
} from './job-views.ts';

export interface ClientOptions {
  /** The gateway's base URL; default CONVEYOR_URL, else `http://127.0.0.1:8080`. */
  url?: string;
  /** Default CONVEYOR_API_KEY. */
  apiKey?: string;
  fetch?: typeof fetch;
}

export interface JobFilter {
  status?: JobStatus;
  type?: string;
  /** Created at or after. */
  since?: Date | string;
  /** Created before. */
  until?: Date | string;
  /** 1 to 200; the gateway's default is 50. */
  limit?: number;
  /** A page's `nextCursor`, for the page after it. */
  cursor?: string;
}

export interface ConveyorClient {
  /** Enqueues a job of a definition: `data` is typed by its schema, `result()` by its handler. */
  enqueue<Definition extends EnqueueableJob>(
    job: Definition,
    data: JobInput<Definition>,
    options?: EnqueueOptions,
  ): Promise<JobHandle<JobResult<Definition>>>;
  /** Enqueues a job by type name, for types defined elsewhere (another service's worker). */
  enqueue(type: string, data?: Record<string, unknown>, options?: EnqueueOptions): Promise<JobHandle>;
  /** A handle on a job enqueued earlier. */
  job(id: string): JobHandle;
  /** One page of the tenant's jobs, newest first. */
  list(filter?: JobFilter): Promise<JobPage>;
  /** The job types workers have registered: their queues, schemas and settings. */
  jobTypes(): Promise<JobTypeInfo[]>;
}

export function createClient(options: ClientOptions = {}): ConveyorClient {
  const url = options.url ?? process.env['CONVEYOR_URL'] ?? 'http://127.0.0.1:8080';
  const connection: GatewayConnection = {
    url: url.replace(/\/+$/, ''),
    apiKey: options.apiKey ?? process.env['CONVEYOR_API_KEY'] ?? '',
    fetch: options.fetch ?? globalThis.fetch,
  };

  async function enqueue(
    job: string | EnqueueableJob,
    data?: unknown,
    enqueueOptions: EnqueueOptions = {},
  ): Promise<JobHandle> {
    const type = typeof job === 'string' ? job : job.type;
    const { body, headers } = submitJobRequest(type, data, enqueueOptions);
    const accepted = await sendForJson(
      connection,
      {
        method: 'POST',
        path: '/v1/jobs',
        body,
        headers,
        ...(enqueueOptions.signal === undefined ? {} : { signal: enqueueOptions.signal }),
      },
      jobAccepted,
    );
    return createJobHandle(connection, accepted.id);
  }

  return {
    // The overloads are the public face; one implementation serves both.
    enqueue,
    job: (id) => createJobHandle(connection, id),
    list: (filter = {}) =>
      sendForJson(connection, { method: 'GET', path: `/v1/jobs${queryOf(filter)}` }, jobPage),
    async jobTypes() {
      return (await sendForJson(connection, { method: 'GET', path: '/v1/job-types' }, jobTypeList)).jobTypes;
    },
  };
}

function queryOf(filter: JobFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    query.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
