// Generic jobs across tenants: the list (filtered by status, type, tenant and creation time, a page of
// 50 at a time by cursor), one job with its attempts, children and actions, and its live stream (SSE).
// Cancel and retry are in job-actions.ts.
import { findJob, isFinishedJobStatus, listJobs } from '@conveyor/jobs';
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { parseFields } from '../http/parse-fields.ts';
import { idParams, optionalInstant, optionalText } from '../http/query-fields.ts';
import { pageContext, sendPage } from '../http/send-page.ts';
import { childrenShown, readJobChildren } from '../jobs/job-children.ts';
import { openJobStream } from '../progress/job-stream.ts';
import { jobPage } from '../views/job-page.ts';
import { jobsPage } from '../views/jobs-page.ts';
import { jobActionNotices, jobPageQuery } from './job-actions.ts';
import type { RouteContext } from './route-context.ts';

const listQuery = z.object({
  id: optionalText(200),
  status: optionalText(40),
  type: optionalText(100),
  tenant: optionalText(64),
  since: optionalInstant,
  until: optionalInstant,
  cursor: optionalText(500),
});

export const jobsPageSize = 50;

export function jobRoutes(context: RouteContext): FastifyPluginCallback {
  const { store } = context;
  return (app, _options, done) => {
    app.get('/jobs', async (request, reply) => {
      const query = parseFields(listQuery, request.query);
      if (query.id !== undefined) return reply.redirect(`/jobs/${encodeURIComponent(query.id)}`, 303);
      const filter = {
        status: query.status,
        type: query.type,
        tenant: query.tenant,
        since: query.since,
        until: query.until,
      };
      const { jobs, unreadable, nextCursor } = await listJobs(store, {
        status: filter.status,
        type: filter.type,
        tenantId: filter.tenant,
        since: filter.since,
        until: filter.until,
        limit: jobsPageSize,
        cursor: query.cursor,
      });
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        jobsPage(page, { jobs, unreadable, filter, nextCursor, paged: query.cursor !== undefined }),
      );
    });

    app.get('/jobs/:id', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const { done: outcome } = parseFields(jobPageQuery, request.query);
      const job = await findJob(store, id);
      if (job === null) throw new NotFoundError('job', id);
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        jobPage(page, {
          job,
          children: await readJobChildren(store, job),
          childrenShown,
          traceUiUrl: context.options.traceUiUrl,
          finished: isFinishedJobStatus(job.status),
          notice: outcome === undefined ? undefined : jobActionNotices[outcome],
        }),
      );
    });

    app.get('/jobs/:id/events', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      await openJobStream(reply, {
        store,
        events: context.events,
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
