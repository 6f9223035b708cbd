// /v1/schedules: cron schedules as data (create, list, read, delete); the scheduler's leader fires them.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { errorBody } from '../http/error-body.ts';
import { tenantHeaders } from '../http/tenant-header.ts';
import {
  createScheduleBody,
  scheduleList,
  scheduleParams,
  scheduleView,
} from '../schedules/schedule-schemas.ts';
import { createSchedule, deleteSchedule, getSchedule, listSchedules } from '../schedules/schedule-store.ts';
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
          headers: tenantHeaders,
          body: createScheduleBody,
          response: { 201: scheduleView, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const now = new Date();
        const schedule = await createSchedule(store, request.headers['x-tenant-id'], request.body, now);
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
          headers: tenantHeaders,
          response: { 200: scheduleList },
        },
      },
      async (request) => {
        const now = new Date();
        const schedules = await listSchedules(store, request.headers['x-tenant-id']);
        return { items: schedules.map((schedule) => toScheduleView(schedule, now)) };
      },
    );

    app.get(
      '/schedules/:id',
      {
        schema: {
          summary: 'Read a schedule',
          tags: ['schedules'],
          headers: tenantHeaders,
          params: scheduleParams,
          response: { 200: scheduleView, 404: errorBody },
        },
      },
      async (request) => {
        const schedule = await getSchedule(store, request.headers['x-tenant-id'], request.params.id);
        if (schedule === null) throw new NotFoundError('schedule', request.params.id);
        return toScheduleView(schedule, new Date());
      },
    );

    app.delete(
      '/schedules/:id',
      {
        schema: {
          summary: 'Delete a schedule',
          tags: ['schedules'],
          headers: tenantHeaders,
          params: scheduleParams,
          response: { 204: z.null().describe('Deleted'), 404: errorBody },
        },
      },
      async (request, reply) => {
        const deleted = await deleteSchedule(store, request.headers['x-tenant-id'], request.params.id);
        if (!deleted) throw new NotFoundError('schedule', request.params.id);
        return reply.code(204).send(null);
      },
    );
    done();
  };
}
