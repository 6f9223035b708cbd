// Generic jobs: find by id, or list by status and tenant; one job with live status (SSE).
import { findJob, isFinishedJobStatus, listJobs } from '@conveyor/jobs';
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { parseFields } from '../http/parse-fields.ts';
import { idParams, optionalText } from '../http/query-fields.ts';
import { pageContext, sendPage } from '../http/send-page.ts';
import { openJobStream } from '../progress/job-stream.ts';
import { jobPage } from '../views/job-page.ts';
import { jobsPage } from '../views/jobs-page.ts';
import type { RouteContext } from './route-context.ts';

const listQuery = z.object({ id: optionalText(200), status: optionalText(40), tenant: optionalText(64) });

export function jobRoutes(context: RouteContext): FastifyPluginCallback {
  const { store } = context;
  return (app, _options, done) => {
    app.get('/jobs', async (request, reply) => {
      const query = parseFields(listQuery, request.query);
      if (query.id !== undefined) return reply.redirect(`/jobs/${encodeURIComponent(query.id)}`, 303);
      const { jobs, unreadable } = await listJobs(store, {
        status: query.status,
        tenantId: query.tenant,
        limit: 50,
      });
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        jobsPage(page, { jobs, unreadable, filter: { status: query.status, tenant: query.tenant } }),
      );
    });

    app.get('/jobs/:id', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const job = await findJob(store, id);
      if (job === null) throw new NotFoundError('job', id);
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        jobPage(page, {
          job,
          traceUiUrl: context.options.traceUiUrl,
          finished: isFinishedJobStatus(job.status),
        }),
      );
    });

    app.get('/jobs/:id/events', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      await openJobStream(reply, {
        store,
        jobId: id,
        pollMs: context.options.progressPollMs,
        logger: request.log,
        openStreams: context.openStreams,
      });
      return reply;
    });
    done();
  };
}
