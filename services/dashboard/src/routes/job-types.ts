// The registry of job types (what the workers registered when they started), as GET /v1/job-types
// lists it: type, queue, attempts, deadline, order per key, retention, when it was last registered.
import { listJobTypes } from '@conveyor/jobs';
import type { FastifyPluginCallback } from 'fastify';
import { pageContext, sendPage } from '../http/send-page.ts';
import { jobTypesPage } from '../views/job-types-page.ts';
import type { RouteContext } from './route-context.ts';

export function jobTypeRoutes(context: RouteContext): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/job-types', async (request, reply) => {
      const jobTypes = await listJobTypes(context.store);
      const page = pageContext(request);
      return sendPage(reply, page, jobTypesPage(page, { jobTypes }));
    });
    done();
  };
}
