// Stored schedules with their next run; pause and resume through @conveyor/schedules, the same write
// as the gateway's POST /v1/schedules/{id}/pause|resume; run now through @conveyor/jobs, the same
// accept as the gateway's POST /v1/schedules/{id}/run (for the schedule's tenant).
import {
  InvalidJobPayloadError,
  UnknownJobTypeError,
  acceptRegisteredJob,
  createJobTypeCatalog,
} from '@conveyor/jobs';
import { getSchedule, listSchedules, setSchedulePaused } from '@conveyor/schedules';
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { parseFields } from '../http/parse-fields.ts';
import { idParams, optionalText } from '../http/query-fields.ts';
import { pageContext, sendPage } from '../http/send-page.ts';
import type { Notice } from '../views/layout.ts';
import { schedulesPage } from '../views/schedules-page.ts';
import type { RouteContext } from './route-context.ts';

const listQuery = z.object({
  done: z.enum(['paused', 'resumed', 'unchanged', 'ran', 'refused']).optional(),
  name: optionalText(200),
  job: optionalText(200),
});

function notice(query: z.infer<typeof listQuery>): Notice | undefined {
  const name = query.name ?? 'the schedule';
  if (query.done === 'paused') return { kind: 'ok', text: `Paused ${name}: it is not fired until resumed.` };
  if (query.done === 'resumed')
    return { kind: 'ok', text: `Resumed ${name}: it fires again from its next fire time.` };
  if (query.done === 'unchanged') return { kind: 'ok', text: `${name} was already in that state.` };
  if (query.done === 'refused')
    return { kind: 'error', text: `${name} was not run: ${query.job ?? 'its job was refused'}` };
  if (query.done === 'ran')
    return {
      kind: 'ok',
      text: `Ran ${name} now: job ${query.job ?? ''} accepted (its fire times are unchanged).`,
    };
  return undefined;
}

export function scheduleRoutes(context: RouteContext): FastifyPluginCallback {
  const { store, bus } = context;
  const jobTypes = createJobTypeCatalog(store);
  return (app, _options, done) => {
    app.get('/schedules', async (request, reply) => {
      const query = parseFields(listQuery, request.query);
      const schedules = await listSchedules(store);
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        schedulesPage(page, { schedules, now: new Date(), notice: notice(query) }),
      );
    });

    for (const action of ['pause', 'resume'] as const) {
      app.post(`/schedules/:id/${action}`, async (request, reply) => {
        const { id } = parseFields(idParams, request.params);
        const outcome = await setSchedulePaused(store, {
          scheduleId: id,
          paused: action === 'pause',
          at: new Date(),
        });
        if (outcome === 'not-found') throw new NotFoundError('schedule', id);
        request.log.info({ scheduleId: id, action, outcome }, 'schedule changed from the dashboard');
        const done = outcome === 'unchanged' ? 'unchanged' : action === 'pause' ? 'paused' : 'resumed';
        return reply.redirect(`/schedules?done=${done}&name=${encodeURIComponent(id)}`, 303);
      });
    }
    app.post('/schedules/:id/run', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const schedule = await getSchedule(store, id);
      if (schedule === null) throw new NotFoundError('schedule', id);
      let accepted;
      try {
        accepted = await acceptRegisteredJob(
          { store, publish: (message) => bus.publish(message), jobTypes, logger: request.log },
          {
            tenantId: schedule.tenantId,
            type: schedule.job.type,
            payload: schedule.job.payload,
            priority: schedule.job.priority,
            runAt: null,
            idempotencyKey: null,
            requestHash: '',
            traceId: null,
            now: new Date(),
          },
        );
      } catch (error) {
        // No worker runs its type any more, or its data no longer fits the type's schema: say so.
        if (!(error instanceof UnknownJobTypeError || error instanceof InvalidJobPayloadError)) throw error;
        return reply.redirect(
          `/schedules?done=refused&name=${encodeURIComponent(id)}&job=${encodeURIComponent(error.message.slice(0, 190))}`,
          303,
        );
      }
      const { job } = accepted;
      request.log.info({ scheduleId: id, jobId: job._id }, 'schedule run now from the dashboard');
      return reply.redirect(
        `/schedules?done=ran&name=${encodeURIComponent(id)}&job=${encodeURIComponent(job._id)}`,
        303,
      );
    });
    done();
  };
}
