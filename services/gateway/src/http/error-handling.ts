// Every failure, thrown by a route, a hook or Fastify itself, is answered in the one error shape with
// the status error-statuses.ts gives its code. Server-side failures are logged with the error; rejected
// requests are logged by code and message only (messages never quote a body or a key). An error the
// gateway has no status for, raised because MongoDB is unreachable (the driver's network, server
// selection or pool-cleared errors, @conveyor/store), is answered 503 DATABASE_UNAVAILABLE.
import { DatabaseUnavailableError, databaseUnavailableFrom } from '@conveyor/store';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BodyTooLargeError } from '../errors/body-too-large-error.ts';
import { RateLimitedError } from '../errors/rate-limited-error.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { RouteNotFoundError } from '../errors/route-not-found-error.ts';
import { TooManyFailedAuthenticationsError } from '../errors/too-many-failed-authentications-error.ts';
import { UnauthenticatedError } from '../errors/unauthenticated-error.ts';
import { errorBodyOf } from './error-body.ts';
import { httpFailureOf } from './error-statuses.ts';
import { validationIssuesOf } from './validation-issues.ts';

export interface ErrorHandlingOptions {
  /** Named in the 413 answer. */
  bodyLimitBytes: number;
}

export function installErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): void {
  app.setErrorHandler((raised: FastifyError, request, reply) =>
    sendError(translated(raised, options), request, reply),
  );
  app.setNotFoundHandler(routeNotFound);
}

/** Fastify's own errors that deserve a clearer answer than its message. */
function translated(raised: FastifyError, options: ErrorHandlingOptions): Error {
  const issues = validationIssuesOf(raised);
  if (issues !== undefined) return new RequestValidationError(issues);
  if (raised.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new BodyTooLargeError(options.bodyLimitBytes);
  return raised;
}

/** Answers 404 ROUTE_NOT_FOUND; the /v1 scope installs it too, so that its authentication runs first. */
export function routeNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(new RouteNotFoundError(request.method, request.url), request, reply);
}

export function sendError(raised: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = databaseOutageOf(raised) ?? raised;
  const { status, code } = httpFailureOf(error);
  if (status >= 500) request.log.error({ err: error, code }, 'request failed');
  else request.log.info({ code, reason: error.message }, 'request rejected');
  return reply
    .code(status)
    .headers(headersOf(error))
    .send(errorBodyOf(error, code, status));
}

/** Only errors that would otherwise be a 500: a known code keeps its own status. */
function databaseOutageOf(error: Error): DatabaseUnavailableError | undefined {
  return httpFailureOf(error).status === 500 ? databaseUnavailableFrom(error) : undefined;
}

/** Headers some errors call for: how to authenticate, when to come back. */
function headersOf(error: Error): Record<string, string> {
  if (error instanceof UnauthenticatedError) return { 'www-authenticate': 'Bearer realm="conveyor"' };
  if (
    error instanceof RateLimitedError ||
    error instanceof TooManyFailedAuthenticationsError ||
    error instanceof DatabaseUnavailableError
  )
    return { 'retry-after': String(error.retryAfterSeconds) };
  return {};
}
