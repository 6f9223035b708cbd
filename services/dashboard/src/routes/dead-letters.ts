// Dead letters: the list (per queue counts, filters, pages), one letter with its message, replay of
// one or of every letter of a queue not replayed yet, and purge behind a confirmation step.
import type { ReplayResult } from '@conveyor/dead-letters';
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { parseFields } from '../http/parse-fields.ts';
import { idParams, optionalText } from '../http/query-fields.ts';
import { pageContext, sendPage } from '../http/send-page.ts';
import { deadLetterPage } from '../views/dead-letter-page.ts';
import { deadLettersPage } from '../views/dead-letters-page.ts';
import { plural } from '../views/format.ts';
import type { Notice } from '../views/layout.ts';
import { purgePage } from '../views/purge-page.ts';
import type { RouteContext } from './route-context.ts';

const listQuery = z.object({
  queue: optionalText(255),
  reason: optionalText(100),
  after: optionalText(500),
  done: z.enum(['replayed-all', 'purged']).optional(),
  count: z.coerce.number().int().min(0).optional(),
});
const letterQuery = z.object({
  done: z.enum(['replayed', 'already-done', 'already-replayed', 'not-found']).optional(),
});
const replayForm = z.object({ force: z.enum(['true']).optional() });
const replayAllForm = z.object({ queue: z.string({ message: 'is required' }).min(1).max(255) });
const purgeTarget = z.object({ queue: optionalText(255), id: optionalText(200) });
const purgeForm = purgeTarget.extend({ confirm: z.enum(['yes']).optional() });

function listNotice(
  done: z.infer<typeof listQuery>['done'],
  count: number,
  queue: string | undefined,
): Notice | undefined {
  if (done === 'replayed-all')
    return {
      kind: 'ok',
      text: `Replayed ${plural(count, 'dead letter')}${queue === undefined ? '' : ` of ${queue}`}.`,
    };
  if (done === 'purged') return { kind: 'ok', text: `Purged ${plural(count, 'dead letter')}.` };
  return undefined;
}

const letterNotices: Record<NonNullable<z.infer<typeof letterQuery>['done']>, Notice> = {
  replayed: { kind: 'ok', text: 'Replayed: the message is back in its queue with a fresh attempt count.' },
  'already-done': {
    kind: 'error',
    text: 'Not replayed: the inbox records this message as done, so replaying it would repeat its effect.',
  },
  'already-replayed': {
    kind: 'error',
    text:
      'Not replayed again: this dead letter was replayed already (or another request is replaying it). ' +
      'A letter is replayed once, so its effect cannot happen twice; if the message failed again, it is a new dead letter.',
  },
  'not-found': { kind: 'error', text: 'Not replayed: the dead letter no longer exists.' },
};

function letterPath(id: string, done: ReplayResult['status']): string {
  return `/dead-letters/${encodeURIComponent(id)}?done=${done}`;
}

export function deadLetterRoutes(context: RouteContext): FastifyPluginCallback {
  const { deadLetters, replayer } = context;
  return (app, _options, done) => {
    app.get('/dead-letters', async (request, reply) => {
      const query = parseFields(listQuery, request.query);
      const filter = { queue: query.queue, reason: query.reason };
      const [counts, list] = await Promise.all([
        deadLetters.countByQueue(),
        deadLetters.list({
          limit: 50,
          ...(query.queue === undefined ? {} : { queue: query.queue }),
          ...(query.reason === undefined ? {} : { reason: query.reason }),
          ...(query.after === undefined ? {} : { after: query.after }),
        }),
      ]);
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        deadLettersPage(page, {
          counts,
          entries: list.entries,
          next: list.next,
          filter,
          notice: listNotice(query.done, query.count ?? 0, query.queue),
        }),
      );
    });

    app.get('/dead-letters/purge', async (request, reply) => {
      const target = parseFields(purgeTarget, request.query);
      const page = pageContext(request);
      if (target.id !== undefined) {
        const entry = await deadLetters.get(target.id);
        if (entry === null) throw new NotFoundError('dead letter', target.id);
        return sendPage(reply, page, purgePage(page, { id: entry.id, queue: entry.queue }));
      }
      if (target.queue === undefined) throw new NotFoundError('dead-letter queue', '(none given)');
      const counts = await deadLetters.countByQueue();
      const count = counts.find(({ queue }) => queue === target.queue)?.count ?? 0;
      return sendPage(reply, page, purgePage(page, { queue: target.queue, count }));
    });

    app.post('/dead-letters/purge', async (request, reply) => {
      const form = parseFields(purgeForm, request.body);
      if (form.id === undefined && form.queue === undefined) {
        throw new NotFoundError('dead-letter queue', '(none given)');
      }
      const target =
        form.id === undefined
          ? `queue=${encodeURIComponent(form.queue ?? '')}`
          : `id=${encodeURIComponent(form.id)}`;
      // The confirmation step is the server's, not only the page's: without it, nothing is deleted.
      if (form.confirm !== 'yes') return reply.redirect(`/dead-letters/purge?${target}`, 303);
      const purged = await deadLetters.purge(
        form.id === undefined ? { queue: form.queue } : { ids: [form.id] },
      );
      request.log.info({ queue: form.queue, id: form.id, purged }, 'dead letters purged from the dashboard');
      return reply.redirect(`/dead-letters?done=purged&count=${purged}`, 303);
    });

    app.post('/dead-letters/replay-all', async (request, reply) => {
      const { queue } = parseFields(replayAllForm, request.body);
      const results = await replayer.replayAll({ queue });
      const replayed = results.filter((result) => result.status === 'replayed').length;
      request.log.info(
        { queue, replayed, tried: results.length },
        'dead letters replayed from the dashboard',
      );
      return reply.redirect(
        `/dead-letters?queue=${encodeURIComponent(queue)}&done=replayed-all&count=${replayed}`,
        303,
      );
    });

    app.get('/dead-letters/:id', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const query = parseFields(letterQuery, request.query);
      const entry = await deadLetters.get(id);
      if (entry === null) throw new NotFoundError('dead letter', id);
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        deadLetterPage(page, {
          entry,
          notice: query.done === undefined ? undefined : letterNotices[query.done],
          offerForce: query.done === 'already-done',
        }),
      );
    });

    app.post('/dead-letters/:id/replay', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const { force } = parseFields(replayForm, request.body);
      const result = await replayer.replay(id, { force: force === 'true' });
      request.log.info({ ...result, force: force === 'true' }, 'dead letter replay from the dashboard');
      return reply.redirect(letterPath(id, result.status), 303);
    });
    done();
  };
}
