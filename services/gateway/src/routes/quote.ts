// /v1/quote: a synchronous price and availability quote, asked of the fulfilment workers over RabbitMQ
// request/reply. No reply in time is a 504; a worker's failure is a 502 carrying its code.
import { quoteRequested, quoteResult, sku } from '@conveyor/contracts';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { tenantOf } from '../auth/authentication.ts';
import { z } from 'zod';
import { errorBody } from '../http/error-body.ts';
import type { RouteContext } from './route-context.ts';

/** Quotes are interactive: a caller is waiting, so they jump the queue. */
const quotePriority = 8;

const quoteQuery = z.strictObject({
  sku,
  qty: z.coerce.number().int().min(1).max(1_000),
});

export function quoteRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { bus, options } = context;
  return (app, _options, done) => {
    app.get(
      '/quote',
      {
        schema: {
          summary: 'Quote a price and availability (synchronous, answered by the fulfilment workers)',
          tags: ['quote'],
          querystring: quoteQuery,
          response: { 200: quoteResult, 400: errorBody, 502: errorBody, 503: errorBody, 504: errorBody },
        },
      },
      async (request) => {
        const tenantId = tenantOf(request);
        return bus.rpc.request({
          exchange: options.quoteExchange,
          routingKey: quoteRequested.name,
          type: quoteRequested,
          body: { tenantId, sku: request.query.sku, qty: request.query.qty },
          resultSchema: quoteResult,
          timeoutMs: options.quoteTimeoutMs,
          priority: quotePriority,
          tenant: tenantId,
        });
      },
    );
    done();
  };
}
