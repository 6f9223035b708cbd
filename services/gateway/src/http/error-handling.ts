// Every failure, thrown by a route, a hook or Fastify itself, is answered in the one error shape with
// the status error-statuses.ts gives its code. Server-side failures are logged with the error.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { RouteNotFoundError } from '../errors/route-not-found-error.ts';
import { errorBodyOf } from './error-body.ts';
import { httpFailureOf } from './error-statuses.ts';
import { validationIssuesOf } from './validation-issues.ts';

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raised: FastifyError, request, reply) => {
    const issues = validationIssuesOf(raised);
    return sendError(issues === undefined ? raised : new RequestValidationError(issues), request, reply);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(new RouteNotFoundError(request.method, request.url), request, reply),
  );
}

function sendError(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, code } = httpFailureOf(error);
  if (status >= 500) request.log.error({ err: error, code }, 'request failed');
  else request.log.info({ code, reason: error.message }, 'request rejected');
  return reply.code(status).send(errorBodyOf(error, code, status));
}
