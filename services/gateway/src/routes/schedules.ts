// /v1/schedules: cron schedules as data (create, list, read, pause, resume, delete); the scheduler's
// leader fires them. Pause and resume are @conveyor/schedules' write, shared with the dashboard.
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  setSchedulePaused,
} from '@conveyor/schedules';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../auth/authentication.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { ScheduleNameTakenError } from '../errors/schedule-name-taken-error.ts';
import { errorBody } from '../http/error-body.ts';
import {
  createScheduleBody,
  scheduleList,
  scheduleParams,
  scheduleView,
} from '../schedules/schedule-schemas.ts';
import { toScheduleView } from '../schedules/schedule-view.ts';
import type { RouteContext } from './route-context.ts';

export function scheduleRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { store } = context;
  return (app, _options, done) => {
    app.post(
      '/schedules',
      {
        schema: {
          summary: 'Create a schedule',
          tags: ['schedules'],
          body: createScheduleBody,
          response: { 201: scheduleView, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const now = new Date();
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
