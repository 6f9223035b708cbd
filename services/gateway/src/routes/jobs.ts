// /v1/jobs: submit a generic job (202 + Location; published now, or stored for the scheduler when due
// later) and read its status.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { tenantOf } from '../auth/authentication.ts';
import { IdempotencyKeyReusedError } from '../errors/idempotency-key-reused-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { errorBody } from '../http/error-body.ts';
import { idempotencyKeyHeaders } from '../http/idempotency-key-header.ts';
import { requestHash } from '../http/request-hash.ts';
import { traceIdOf } from '../http/server-spans.ts';
import { getJob } from '../jobs/get-job.ts';
import { jobsCollection } from '../jobs/job-document.ts';
import { jobAccepted, jobParams, jobView, submitJobBody } from '../jobs/job-schemas.ts';
import { jobLinkOf, toJobView } from '../jobs/job-view.ts';
import { submitJob } from '../jobs/submit-job.ts';
import { publishOutbox } from '../outbox/publish-outbox.ts';
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
            'Due now: status `accepted` and published at once. Due later (runAt/delayMs): `scheduled`.',
          tags: ['jobs'],
          headers: idempotencyKeyHeaders,
          body: submitJobBody,
          response: { 202: jobAccepted, 400: errorBody, 409: errorBody, 503: errorBody },
        },
      },
      async (request, reply) => {
        const idempotencyKey = request.headers['idempotency-key'] ?? null;
        const hash = requestHash(request.body);
        const { job, created } = await submitJob(store, {
          tenantId: tenantOf(request),
          body: request.body,
          idempotencyKey,
          requestHash: hash,
          traceId: traceIdOf(request),
          now: new Date(),
        });
        if (!created && job.requestHash !== hash) throw new IdempotencyKeyReusedError(idempotencyKey ?? '');
        if (created && job.outbox !== undefined) {
          await publishOutbox(store, bus, request.log, {
            collection: jobsCollection,
            docId: job._id,
            entries: job.outbox,
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
