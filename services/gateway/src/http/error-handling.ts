// Every failure, thrown by a route, a hook or Fastify itself, is answered in the one error shape with
// the status error-statuses.ts gives its code. Server-side failures are logged with the error; rejected
// requests are logged by code and message only (messages never quote a body or a key).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BodyTooLargeError } from '../errors/body-too-large-error.ts';
import { RateLimitedError } from '../errors/rate-limited-error.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { RouteNotFoundError } from '../errors/route-not-found-error.ts';
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
  app.setNotFoundHandler((request, reply) =>
    sendError(new RouteNotFoundError(request.method, request.url), request, reply),
  );
}

/** Fastify's own errors that deserve a clearer answer than its message. */
function translated(raised: FastifyError, options: ErrorHandlingOptions): Error {
  const issues = validationIssuesOf(raised);
  if (issues !== undefined) return new RequestValidationError(issues);
  if (raised.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new BodyTooLargeError(options.bodyLimitBytes);
  return raised;
}

function sendError(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, code } = httpFailureOf(error);
  if (status >= 500) request.log.error({ err: error, code }, 'request failed');
  else request.log.info({ code, reason: error.message }, 'request rejected');
  return reply
    .code(status)
    .headers(headersOf(error))
    .send(errorBodyOf(error, code, status));
}

/** Headers some errors call for: how to authenticate, when to come back. */
function headersOf(error: Error): Record<string, string> {
  if (error instanceof UnauthenticatedError) return { 'www-authenticate': 'Bearer realm="conveyor"' };
  if (error instanceof RateLimitedError) return { 'retry-after': String(error.retryAfterSeconds) };
  return {};
}
