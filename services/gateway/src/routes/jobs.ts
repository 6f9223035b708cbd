// /v1/jobs: submit a generic job (202 + Location; published now, or stored for the scheduler when due
// later) and read its status. A job whose message would be over the bus's body limit is a 413 at once.
import { getJob, jobsCollection, submitJob } from '@conveyor/jobs';
import { publishOutboxOrLeaveToRelay } from '@conveyor/outbox';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { tenantOf } from '../auth/authentication.ts';
import { IdempotencyKeyReusedError } from '../errors/idempotency-key-reused-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { errorBody } from '../http/error-body.ts';
import { idempotencyKeyHeaders } from '../http/idempotency-key-header.ts';
import { requestHash } from '../http/request-hash.ts';
import { traceIdOf } from '../http/server-spans.ts';
import { jobAccepted, jobParams, jobView, submitJobBody, type SubmitJobBody } from '../jobs/job-schemas.ts';
import { jobLinkOf, toJobView } from '../jobs/job-view.ts';
import type { RouteContext } from './route-context.ts';

export function jobRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { store, bus } = context;
  return (app, _options, done) => {
    app.post(
      '/jobs',
      {
        schema: {
          summary: 'Submit a job',
          description:
            'Due now: status `accepted` and published at once. Due later (runAt/delayMs): `scheduled`. ' +
            'A job whose job.requested.v1 message (its payload wrapped with its id, tenant and type) would be ' +
            "over the bus's body limit is refused with 413 JOB_MESSAGE_TOO_LARGE: accepted, it could never run.",
          tags: ['jobs'],
          headers: idempotencyKeyHeaders,
          body: submitJobBody,
          response: {
            202: jobAccepted,
            400: errorBody,
            409: errorBody,
            // BODY_TOO_LARGE (the request) or JOB_MESSAGE_TOO_LARGE (the message wrapping its payload).
            413: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        const idempotencyKey = request.headers['idempotency-key'] ?? null;
        const hash = requestHash(request.body);
        const now = new Date();
        const { body } = request;
        const { job, created, pending } = await submitJob(store, {
          tenantId: tenantOf(request),
          type: body.type,
          payload: body.payload,
          priority: body.priority,
          runAt: requestedRunAt(body, now),
          idempotencyKey,
          requestHash: hash,
          traceId: traceIdOf(request),
          now,
        });
        if (!created && job.requestHash !== hash) throw new IdempotencyKeyReusedError(idempotencyKey ?? '');
        if (created && job.outbox !== undefined) {
          await publishOutboxOrLeaveToRelay(store, (message) => bus.publish(message), request.log, {
            collection: jobsCollection,
            docId: job._id,
            entries: job.outbox,
            pending,
          });
        }
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
      '/jobs/:id',
      {
        schema: {
          summary: 'Read a job',
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
    done();
  };
}

function requestedRunAt(body: SubmitJobBody, now: Date): Date | null {
  if (body.runAt !== undefined) return new Date(body.runAt);
  if (body.delayMs !== undefined) return new Date(now.getTime() + body.delayMs);
  return null;
}
