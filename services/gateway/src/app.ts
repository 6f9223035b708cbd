// buildGateway: the Fastify app with every route, without listening. Tests use `app.inject()`; the
// service (service.ts) listens. Order matters: security headers, spans, metrics and errors first, then
// the OpenAPI plugin, then the routes it documents; /v1 is the authenticated (and rate-limited) scope.
import { Exchange } from '@conveyor/bus';
import { createTokenBuckets } from '@conveyor/rate-limit';
import { createApiKeyStore } from '@conveyor/api-keys';
import { createJobTypeCatalog } from '@conveyor/jobs';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { installAuthentication, type AuthenticationOptions } from './auth/authentication.ts';
import { createFailedAuthentications } from './auth/failed-authentications.ts';
import type { GatewayDeps, GatewayOptions } from './gateway-deps.ts';
import { installErrorHandling, routeNotFound } from './http/error-handling.ts';
import { frameworkErrorHandler } from './http/framework-errors.ts';
import { documentAuthentication, registerOpenApi } from './http/openapi.ts';
import { installRequestMetrics } from './http/request-metrics.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installServerSpans } from './http/server-spans.ts';
import { installStrictJsonBodies } from './http/strict-json-body.ts';
import type { OpenStreams } from './orders/open-streams.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { orderRoutes } from './routes/orders.ts';
import { quoteRoutes } from './routes/quote.ts';
import type { RouteContext } from './routes/route-context.ts';
import { scheduleRoutes } from './routes/schedules.ts';

export type GatewayApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const defaultGatewayOptions: GatewayOptions = {
  quoteTimeoutMs: 3_000,
  quoteExchange: Exchange.events,
  sseHeartbeatMs: 15_000,
  bodyLimitBytes: 256 * 1024,
  rateLimit: { perSecond: 50, burst: 100 },
  authFailureLimit: { perSecond: 0.2, burst: 20 },
  hstsMaxAgeSeconds: 0,
  now: Date.now,
  faultInjection: false,
};

/** Path parameters longer than this are refused by the router (as 400, see framework-errors.ts). */
const maxPathParameterLength = 256;

export function buildGateway(deps: GatewayDeps): GatewayApp {
  const options: GatewayOptions = { ...defaultGatewayOptions, ...deps.options };
  const authentication: AuthenticationOptions = {
    apiKeys: createApiKeyStore(deps.store),
    buckets: createTokenBuckets(options.rateLimit, options.now),
    failures: createFailedAuthentications(options.authFailureLimit, options.now),
  };
  const app: GatewayApp = Fastify<RawServerDefault, IncomingMessage, ServerResponse>({
    loggerInstance: deps.logger,
    bodyLimit: options.bodyLimitBytes,
    // Above every documented id length, so that a long id is refused by its schema, not by the router.
    routerOptions: { maxParamLength: maxPathParameterLength },
    frameworkErrors: frameworkErrorHandler({ security: options, authentication }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  installSecurityHeaders(app, options);
  installServerSpans(app, deps.tracer);
  const metrics = installRequestMetrics(app, deps.metricsRegistry);
  installErrorHandling(app, options);
  installStrictJsonBodies(app);

  const openStreams: OpenStreams = new Set();
  // SSE streams would keep the server open until their clients leave: end them when the app closes.
  app.addHook('preClose', (done) => {
    for (const close of [...openStreams]) close();
    done();
  });

  registerOpenApi(app);
  const context: RouteContext = {
    store: deps.store,
    bus: deps.bus,
    events: deps.events,
    options,
    openStreams,
    jobTypes: createJobTypeCatalog(deps.store),
  };
  void app.register(healthRoutes(context));
  void app.register(metricsRoutes(metrics.registry));
  void app.register(
    (v1, _options, done) => {
      installAuthentication(v1, authentication);
      // Unknown /v1 paths are answered here, after the scope's authentication: 401 before 404.
      v1.setNotFoundHandler(routeNotFound);
      documentAuthentication(v1);
      void v1.register(orderRoutes(context));
      void v1.register(quoteRoutes(context));
      void v1.register(jobRoutes(context));
      void v1.register(scheduleRoutes(context));
      done();
    },
    { prefix: '/v1' },
  );
  return app;
}
