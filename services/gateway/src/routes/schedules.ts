// /v1/schedules: cron schedules as data (create, list, read, pause, resume, delete, run now); the
// scheduler's leader fires them. Pause and resume are @conveyor/schedules' write, shared with the
// dashboard. A schedule's job must be of a registered type with data its schema accepts, like a job's.
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  setSchedulePaused,
} from '@conveyor/schedules';
import { acceptRegisteredJob } from '@conveyor/jobs';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../auth/authentication.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { ScheduleNameTakenError } from '../errors/schedule-name-taken-error.ts';
import { errorBody } from '../http/error-body.ts';
import { traceIdOf } from '../http/server-spans.ts';
import { jobAccepted } from '../jobs/job-schemas.ts';
import { jobLinkOf } from '../jobs/job-view.ts';
import {
  createScheduleBody,
  scheduleList,
  scheduleParams,
  scheduleView,
} from '../schedules/schedule-schemas.ts';
import { toScheduleView } from '../schedules/schedule-view.ts';
import type { RouteContext } from './route-context.ts';

export function scheduleRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { store, bus, jobTypes } = context;
  return (app, _options, done) => {
    app.post(
      '/schedules',
      {
        schema: {
          summary: 'Create a schedule',
          tags: ['schedules'],
          body: createScheduleBody,
          response: { 201: scheduleView, 400: errorBody, 409: errorBody, 422: errorBody },
        },
      },
      async (request, reply) => {
        const now = new Date();
        await jobTypes.check(request.body.job.type, request.body.job.payload);
        const schedule = await createSchedule(store, tenantOf(request), request.body, now);
        if (schedule === 'name-taken') throw new ScheduleNameTakenError(request.body.name);
        const view = toScheduleView(schedule, now);
        return reply.code(201).header('location', view.links.self).send(view);
      },
    );

    app.get(
      '/schedules',
      {
        schema: {
          summary: 'List the schedules (by name)',
          tags: ['schedules'],
          response: { 200: scheduleList },
        },
      },
      async (request) => {
        const now = new Date();
        // More than any tenant should have; the list is not paged yet.
        const schedules = await listSchedules(store, { tenantId: tenantOf(request), limit: 1_000 });
        return { items: schedules.map((schedule) => toScheduleView(schedule, now)) };
      },
    );

    app.get(
      '/schedules/:id',
      {
        schema: {
          summary: 'Read a schedule',
          tags: ['schedules'],
          params: scheduleParams,
          response: { 200: scheduleView, 404: errorBody },
        },
      },
      async (request) => {
        const schedule = await getSchedule(store, request.params.id, tenantOf(request));
        if (schedule === null) throw new NotFoundError('schedule', request.params.id);
        return toScheduleView(schedule, new Date());
      },
    );

    for (const action of ['pause', 'resume'] as const) {
      app.post(
        `/schedules/:id/${action}`,
        {
          schema: {
            summary: action === 'pause' ? 'Pause a schedule' : 'Resume a paused schedule',
            description:
              action === 'pause'
                ? 'A paused schedule is not fired. Pausing a paused schedule changes nothing.'
                : 'It fires again from its next fire time after now; the runs the pause left out are ' +
                  'not caught up. Resuming a running schedule changes nothing.',
            tags: ['schedules'],
            params: scheduleParams,
            response: { 200: scheduleView, 404: errorBody },
          },
        },
        async (request) => {
          const tenantId = tenantOf(request);
          const scheduleId = request.params.id;
          const now = new Date();
          const outcome = await setSchedulePaused(store, {
            scheduleId,
            tenantId,
            paused: action === 'pause',
            at: now,
          });
          const schedule = outcome === 'not-found' ? null : await getSchedule(store, scheduleId, tenantId);
          if (schedule === null) throw new NotFoundError('schedule', scheduleId);
          return toScheduleView(schedule, now);
        },
      );
    }

    app.post(
      '/schedules/:id/run',
      {
        schema: {
          summary: 'Run a schedule now',
          description:
            "Submits the schedule's job now, as a one-off job (202 with the job's link), whatever its cron; " +
            'its fire times and overlap policy are not affected.',
          tags: ['schedules'],
          params: scheduleParams,
          response: { 202: jobAccepted, 404: errorBody, 422: errorBody, 503: errorBody },
        },
      },
      async (request, reply) => {
        const tenantId = tenantOf(request);
        const schedule = await getSchedule(store, request.params.id, tenantId);
        if (schedule === null) throw new NotFoundError('schedule', request.params.id);
        const { type, payload, priority } = schedule.job;
        const { job } = await acceptRegisteredJob(
          { store, publish: (message) => bus.publish(message), jobTypes, logger: request.log },
          {
            tenantId,
            type,
            payload,
            priority,
            runAt: null,
            idempotencyKey: null,
            requestHash: '',
            traceId: traceIdOf(request),
            now: new Date(),
          },
        );
        const self = jobLinkOf(job._id);
        return reply
          .code(202)
          .header('location', self)
          .send({ id: job._id, status: job.status, runAt: null, traceId: job.traceId, links: { self } });
      },
    );

    app.delete(
      '/schedules/:id',
      {
        schema: {
          summary: 'Delete a schedule',
          tags: ['schedules'],
          params: scheduleParams,
          response: { 204: z.null().describe('Deleted'), 404: errorBody },
        },
      },
      async (request, reply) => {
        const deleted = await deleteSchedule(store, tenantOf(request), request.params.id);
        if (!deleted) throw new NotFoundError('schedule', request.params.id);
        return reply.code(204).send(null);
      },
    );
    done();
  };
}
