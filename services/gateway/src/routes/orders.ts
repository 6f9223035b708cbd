// /v1/orders: place an order (202 + Location, Idempotency-Key), read it, follow its progress (SSE).
import { randomUUID } from 'node:crypto';
import { createOrder, getOrder, ordersCollection } from '@conveyor/orders';
import { publishOutboxOrLeaveToRelay } from '@conveyor/outbox';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../auth/authentication.ts';
import { IdempotencyKeyReusedError } from '../errors/idempotency-key-reused-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { crashIfAsked } from '../faults/injected-crash.ts';
import { errorBody } from '../http/error-body.ts';
import { idempotencyKeyHeaders } from '../http/idempotency-key-header.ts';
import { requestHash } from '../http/request-hash.ts';
import { traceIdOf } from '../http/server-spans.ts';
import { orderAccepted, orderParams, orderView, placeOrderBody } from '../orders/order-schemas.ts';
import { orderLinksOf, toOrderView } from '../orders/order-view.ts';
import { openProgressStream } from '../orders/progress-stream.ts';
import type { RouteContext } from './route-context.ts';

export function orderRoutes(context: RouteContext): FastifyPluginCallbackZod {
  const { store, bus, events, options, openStreams } = context;
  return (app, _options, done) => {
    app.post(
      '/orders',
      {
        schema: {
          summary: 'Place an order',
          description:
            'Accepted at once (202); fulfilment runs in the background. Follow it at links.events.',
          tags: ['orders'],
          headers: idempotencyKeyHeaders,
          body: placeOrderBody,
          response: { 202: orderAccepted, 400: errorBody, 409: errorBody, 503: errorBody },
        },
      },
      async (request, reply) => {
        const tenantId = tenantOf(request);
        const idempotencyKey = request.headers['idempotency-key'] ?? null;
        const hash = requestHash(request.body);
        const { order, created, pending } = await createOrder(store, {
          orderId: `ord_${randomUUID().replaceAll('-', '')}`,
          tenantId,
          ...request.body,
          traceId: traceIdOf(request),
          idempotencyKey,
          requestHash: hash,
        });
        if (!created && order.requestHash !== hash) throw new IdempotencyKeyReusedError(idempotencyKey ?? '');
        if (created) {
          // Fault tests: the order is stored and its order.placed.v1 not yet published.
          crashIfAsked(options.faultInjection, request.headers, 'crash-after-order-write');
          await publishOutboxOrLeaveToRelay(store, (message) => bus.publish(message), request.log, {
            collection: ordersCollection,
            docId: order._id,
            entries: order.outbox ?? [],
            pending,
          });
        }
        const links = orderLinksOf(order._id);
        return reply
          .code(202)
          .header('location', links.self)
          .send({ id: order._id, status: 'accepted', traceId: order.traceId, links });
      },
    );

    app.get(
      '/orders/:id',
      {
        schema: {
          summary: 'Read an order: status, each step, history',
          tags: ['orders'],
          params: orderParams,
          response: { 200: orderView, 404: errorBody },
        },
      },
      async (request) => {
        const order = await getOrder(store, tenantOf(request), request.params.id);
        if (order === null) throw new NotFoundError('order', request.params.id);
        return toOrderView(order);
      },
    );

    app.get(
      '/orders/:id/events',
      {
        schema: {
          summary: 'Follow an order live (Server-Sent Events)',
          description:
            'text/event-stream: an `snapshot` event (the order, as GET returns it), then `progress` events ' +
            '(status, step, sequence) until a terminal status (completed, compensated, failed), then the ' +
            'stream ends. Event ids are the order sequence numbers.',
          tags: ['orders'],
          params: orderParams,
          response: {
            200: {
              description: 'The stream: `snapshot`, then `progress` events, until a terminal status.',
              content: { 'text/event-stream': { schema: z.string() } },
            },
            404: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        const traceId = traceIdOf(request);
        await openProgressStream(reply, {
          events,
          store,
          tenantId: tenantOf(request),
          orderId: request.params.id,
          heartbeatMs: options.sseHeartbeatMs,
          logger: request.log,
          openStreams,
          headers: traceId === null ? {} : { 'x-trace-id': traceId },
        });
        return reply;
      },
    );
    done();
  };
}
