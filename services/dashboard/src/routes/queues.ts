// The queues page (and / leads to it): depths, unacked, consumers and rates, read when asked for.
import type { FastifyPluginCallback } from 'fastify';
import { pageContext, sendPage } from '../http/send-page.ts';
import { queuesPage } from '../views/queues-page.ts';
import type { RouteContext } from './route-context.ts';

const refreshSeconds = 5;

export function queueRoutes(context: RouteContext): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/', (_request, reply) => reply.redirect('/queues', 303));
    app.get('/queues', async (request, reply) => {
      const [reading, counts] = await Promise.all([
        context.sampler.read(),
        context.deadLetters.countByQueue(),
      ]);
      const storedDeadLetters = new Map(counts.map(({ queue, count }) => [queue, count]));
      const page = pageContext(request);
      return sendPage(reply, page, queuesPage(page, { reading, storedDeadLetters, refreshSeconds }));
    });
    done();
  };
}
