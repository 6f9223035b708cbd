// The OpenAPI document is generated from the same zod schemas that validate requests: /docs (UI) and
// /docs/json. Registered before the routes, so that it sees every one of them.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export function registerOpenApi(app: FastifyInstance): void {
  void app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Conveyor gateway',
        description:
          'Accepts orders and jobs (202 + Location), reads their status, streams order progress (SSE), ' +
          'quotes synchronously, manages schedules. The tenant is the X-Tenant-Id header.',
        version: '0.1.0',
      },
      tags: [
        { name: 'orders' },
        { name: 'quote' },
        { name: 'jobs' },
        { name: 'schedules' },
        { name: 'operations' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  void app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}
