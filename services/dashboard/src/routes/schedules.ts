// Stored schedules with their next run; pause and resume through @conveyor/schedules, the same write
// as the gateway's POST /v1/schedules/{id}/pause|resume.
import { listSchedules, setSchedulePaused } from '@conveyor/schedules';
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
  done: z.enum(['paused', 'resumed', 'unchanged']).optional(),
  name: optionalText(200),
});

function notice(query: z.infer<typeof listQuery>): Notice | undefined {
  const name = query.name ?? 'the schedule';
  if (query.done === 'paused') return { kind: 'ok', text: `Paused ${name}: it is not fired until resumed.` };
  if (query.done === 'resumed')
    return { kind: 'ok', text: `Resumed ${name}: it fires again from its next fire time.` };
  if (query.done === 'unchanged') return { kind: 'ok', text: `${name} was already in that state.` };
  return undefined;
}

export function scheduleRoutes(context: RouteContext): FastifyPluginCallback {
  const { store } = context;
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
    done();
  };
}
