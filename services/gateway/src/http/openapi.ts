// The OpenAPI document is generated from the same zod schemas that validate requests: /docs (UI) and
// /docs/json. Registered before the routes, so that it sees every one of them.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { errorBody } from './error-body.ts';

const securitySchemes = {
  bearerKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (cvk_<id>_<secret>, from `conveyor keys create`) as a bearer token.',
  },
  apiKeyHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: 'The same key, in X-Api-Key.',
  },
} as const;

export function registerOpenApi(app: FastifyInstance): void {
  void app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Conveyor gateway',
        description:
          'Accepts orders and jobs (202 + Location), reads their status, streams order progress (SSE), ' +
          'quotes synchronously, manages schedules. Every /v1 request needs an API key, which decides ' +
          'the tenant it acts for.',
        version: '0.1.0',
      },
      components: { securitySchemes },
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

/**
 * Marks every route of the authenticated scope as needing a key, and documents the answers any of them
 * can give: 400 (a path, query or header that fails its format, X-Tenant-Id of another tenant), 401,
 * 429 (the key's rate, or too many failed authentications), 503 (the key store is unreachable), and on
 * routes with a body 413 (over the limit) and 415 (not JSON).
 */
export function documentAuthentication(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    const schema = route.schema ?? {};
    const withBody = schema.body === undefined ? {} : { 413: errorBody, 415: errorBody };
    route.schema = {
      ...schema,
      security: [{ bearerKey: [] }, { apiKeyHeader: [] }],
      response: {
        400: errorBody,
        401: errorBody,
        429: errorBody,
        503: errorBody,
        ...withBody,
        ...(schema.response ?? {}),
      },
    };
  });
}
