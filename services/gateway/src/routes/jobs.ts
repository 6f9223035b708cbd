// /v1/jobs: submit a job of a registered type (202 + Location; published now, or stored for the
// scheduler when due later), list and read jobs, cancel, retry, and follow one live (SSE); and
// /v1/job-types, the registry. A job of a type no worker registered, or whose data fails the type's
// schema, is a 422 naming the field; one whose message would be over the bus's body limit a 413.
import { jobCancelRequest, jobCancelSubject } from '@conveyor/contracts';
import {
  acceptRegisteredJob,
  cancelJob,
  getJob,
  jobTypeSchemaOf,
  jobsCollection,
  listJobTypes,
  listJobs,
  retryJob,
} from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay } from '@conveyor/outbox';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../auth/authentication.ts';
import { IdempotencyKeyReusedError } from '../errors/idempotency-key-reused-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { errorBody } from '../http/error-body.ts';
import { idempotencyKeyHeaders } from '../http/idempotency-key-header.ts';
import { requestHash } from '../http/request-hash.ts';
import { traceIdOf } from '../http/server-spans.ts';
import { openJobEventStream } from '../jobs/job-event-stream.ts';
import {
  jobAccepted,
  jobPage,
  jobParams,
  jobTypeList,
  jobView,
  listJobsQuery,
  submitJobBody,
  type SubmitJobBody,
} from '../jobs/job-schemas.ts';
import { jobLinkOf, toJobView } from '../jobs/job-view.ts';
import type { RouteContext } from './route-context.ts';

export function jobRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { store, bus, events, options, openStreams, jobTypes } = context;
  return (app, _options, done) => {
    app.post(
      '/jobs',
      {
        schema: {
          summary: 'Submit a job',
          description:
            'Due now: status `accepted` and published at once. Due later (runAt/delayMs): `scheduled`. ' +
            'The type must be registered by a worker (GET /v1/job-types) and the payload must pass its ' +
            'schema: otherwise 422 UNKNOWN_JOB_TYPE or INVALID_JOB_PAYLOAD, naming the field. A job whose ' +
            "job.requested.v1 message would be over the bus's body limit is refused with 413 " +
            'JOB_MESSAGE_TOO_LARGE: accepted, it could never run.',
          tags: ['jobs'],
          headers: idempotencyKeyHeaders,
          body: submitJobBody,
          response: {
            202: jobAccepted,
            400: errorBody,
            409: errorBody,
            // BODY_TOO_LARGE (the request) or JOB_MESSAGE_TOO_LARGE (the message wrapping its payload).
            413: errorBody,
            422: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        const idempotencyKey = request.headers['idempotency-key'] ?? null;
        const hash = requestHash(request.body);
        const now = new Date();
        const { body } = request;
        const { job, created } = await acceptRegisteredJob(
          { store, publish: (message) => bus.publish(message), jobTypes, logger: request.log },
          {
            tenantId: tenantOf(request),
            type: body.type,
            payload: body.payload,
            priority: body.priority,
            runAt: requestedRunAt(body, now),
            idempotencyKey,
            requestHash: hash,
            traceId: traceIdOf(request),
            now,
            orderingKey: body.orderingKey,
          },
        );
        if (!created && job.requestHash !== hash) throw new IdempotencyKeyReusedError(idempotencyKey ?? '');
        const self = jobLinkOf(job._id);
        return reply
          .code(202)
          .header('location', self)
          .send({
            id: job._id,
            status: job.status,
            runAt: job.runAt?.toISOString() ?? null,
            traceId: job.traceId,
            links: { self },
          });
      },
    );

    app.get(
      '/jobs',
      {
        schema: {
          summary: 'List jobs',
          description:
            'Newest first, filtered by status, type and creation time; `nextCursor` reads the next page.',
          tags: ['jobs'],
          querystring: listJobsQuery,
          response: { 200: jobPage, 400: errorBody },
        },
      },
      async (request) => {
        const { query } = request;
        const page = await listJobs(store, {
          tenantId: tenantOf(request),
          status: query.status,
          type: query.type,
          since: query.since === undefined ? undefined : new Date(query.since),
          until: query.until === undefined ? undefined : new Date(query.until),
          limit: query.limit,
          cursor: query.cursor,
        });
        return { jobs: page.jobs.map(toJobView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/jobs/:id',
      {
        schema: {
          summary: 'Read a job',
          description:
            'With its attempts (each run and delivery, with its error), result, progress and trace id.',
          tags: ['jobs'],
          params: jobParams,
          response: { 200: jobView, 404: errorBody },
        },
      },
      async (request) => {
        const job = await getJob(store, tenantOf(request), request.params.id);
        if (job === null) throw new NotFoundError('job', request.params.id);
        return toJobView(job);
      },
    );

    app.post(
      '/jobs/:id/cancel',
      {
        schema: {
          summary: 'Cancel a job',
          description:
            'A job not started yet ends `cancelled` at once and never runs. A running job is marked ' +
            '`cancelRequested`: its handler’s signal fires and it ends `cancelled`, not retried. ' +
            '409 JOB_FINISHED when it has already completed, failed or been cancelled.',
          tags: ['jobs'],
          params: jobParams,
          response: { 200: jobView, 404: errorBody, 409: errorBody },
        },
      },
      async (request) => {
        const tenantId = tenantOf(request);
        const cancelled = await cancelJob(store, tenantId, request.params.id);
        if (cancelled === null) throw new NotFoundError('job', request.params.id);
        if (cancelled.outcome === 'requested') {
          const jobId = cancelled.job._id;
          events.publish(jobCancelSubject(tenantId, jobId), jobCancelRequest, {
            jobId,
            tenantId,
            at: new Date().toISOString(),
          });
        }
        return toJobView(cancelled.job);
      },
    );

    app.post(
      '/jobs/:id/retry',
      {
        schema: {
          summary: 'Retry a failed or cancelled job',
          description:
            'Starts a new run of the job (status `accepted`); its earlier attempts stay listed, and a handler ' +
            'that saved checkpoints resumes from the last. 409 JOB_NOT_RETRYABLE unless it failed or was cancelled.',
          tags: ['jobs'],
          params: jobParams,
          response: { 202: jobView, 404: errorBody, 409: errorBody, 503: errorBody },
        },
      },
      async (request, reply) => {
        const retried = await retryJob(store, tenantOf(request), request.params.id);
        if (retried === null) throw new NotFoundError('job', request.params.id);
        await publishOutboxOrLeaveToRelay(store, (message) => bus.publish(message), request.log, {
          collection: jobsCollection,
          docId: retried.job._id,
          entries: retried.entries,
          pending: retried.pending,
        });
        return reply.code(202).send(toJobView(retried.job));
      },
    );

    app.get(
      '/jobs/:id/events',
      {
        schema: {
          summary: 'Follow a job live (Server-Sent Events)',
          description:
            'text/event-stream: a `snapshot` event (the job, as GET returns it), then `progress` events ' +
            '(`{ jobId, value, at }`) as the handler reports them and `status` events (the job) when it ' +
            'changes, until it completes, fails or is cancelled; then the stream ends.',
          tags: ['jobs'],
          params: jobParams,
          response: {
            200: {
              description: 'The stream: `snapshot`, then `progress` and `status` events, until the job ends.',
              content: { 'text/event-stream': { schema: z.string() } },
            },
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const traceId = traceIdOf(request);
        await openJobEventStream(reply, {
          events,
          store,
          tenantId: tenantOf(request),
          jobId: request.params.id,
          heartbeatMs: options.sseHeartbeatMs,
          logger: request.log,
          openStreams,
          headers: traceId === null ? {} : { 'x-trace-id': traceId },
        });
        return reply;
      },
    );

    app.get(
      '/job-types',
      {
        schema: {
          summary: 'List the registered job types',
          description:
            'Each type a worker runs, with its queue, the JSON Schema of its data and its options.',
          tags: ['jobs'],
          response: { 200: jobTypeList },
        },
      },
      async () => ({
        jobTypes: (await listJobTypes(store)).map((type) => ({
          type: type._id,
          queue: type.queue,
          schema: jobTypeSchemaOf(type),
          priority: type.priority,
          attempts: type.attempts,
          timeoutMs: type.timeoutMs,
          ordered: type.ordered,
          retentionDays: type.retentionDays,
          updatedAt: type.updatedAt.toISOString(),
        })),
      }),
    );
    done();
  };
}

function requestedRunAt(body: SubmitJobBody, now: Date): Date | null {
  if (body.runAt !== undefined) return new Date(body.runAt);
  if (body.delayMs !== undefined) return new Date(now.getTime() + body.delayMs);
  return null;
}
