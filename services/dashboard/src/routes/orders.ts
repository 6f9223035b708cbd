// Orders: find by id, or list by status and tenant; one order with live progress (SSE).
import { isTerminalOrderStatus } from '@conveyor/orders';
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { parseFields } from '../http/parse-fields.ts';
import { idParams, optionalText } from '../http/query-fields.ts';
import { pageContext, sendPage } from '../http/send-page.ts';
import { findOrder, listOrders } from '../orders/order-queries.ts';
import { openOrderStream } from '../progress/order-stream.ts';
import { orderPage } from '../views/order-page.ts';
import { ordersPage } from '../views/orders-page.ts';
import type { RouteContext } from './route-context.ts';

const listQuery = z.object({ id: optionalText(200), status: optionalText(40), tenant: optionalText(64) });

export function orderRoutes(context: RouteContext): FastifyPluginCallback {
  const { store } = context;
  return (app, _options, done) => {
    app.get('/orders', async (request, reply) => {
      const query = parseFields(listQuery, request.query);
      if (query.id !== undefined) return reply.redirect(`/orders/${encodeURIComponent(query.id)}`, 303);
      const { orders, unreadable } = await listOrders(store, {
        status: query.status,
        tenantId: query.tenant,
        limit: 50,
      });
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        ordersPage(page, { orders, unreadable, filter: { status: query.status, tenant: query.tenant } }),
      );
    });

    app.get('/orders/:id', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const order = await findOrder(store, id);
      if (order === null) throw new NotFoundError('order', id);
      const page = pageContext(request);
      return sendPage(
        reply,
        page,
        orderPage(page, {
          order,
          traceUiUrl: context.options.traceUiUrl,
          finished: isTerminalOrderStatus(order.status),
        }),
      );
    });

    app.get('/orders/:id/events', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      await openOrderStream(reply, {
        store,
        events: context.events,
        orderId: id,
        pollMs: context.options.progressPollMs,
        logger: request.log,
        openStreams: context.openStreams,
      });
      return reply;
    });
    done();
  };
}
