// Failures as pages: the status follows from the error's type (never its text), the message names the
// problem; unexpected errors are logged and shown without their details. An error raised because
// MongoDB is unreachable (the driver's network, server selection or pool-cleared errors, recognised by
// @conveyor/store) is a 503 page with Retry-After, like a broker or NATS outage.
import { ConveyorError } from '@conveyor/contracts';
import { EventsUnavailableError } from '@conveyor/events';
import { DatabaseUnavailableError, databaseUnavailableFrom } from '@conveyor/store';
import type { FastifyError, FastifyInstance } from 'fastify';
import { BadRequestError } from '../errors/bad-request-error.ts';
import { BrokerUnavailableError } from '../errors/broker-unavailable-error.ts';
import { ForbiddenOriginError } from '../errors/forbidden-origin-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { TooManyLoginFailuresError } from '../errors/too-many-login-failures-error.ts';
import { errorPage } from '../views/error-page.ts';
import { pageContext, sendPage } from './send-page.ts';
import { StoreErrorCode } from '@conveyor/store';
import { JobsErrorCode } from '@conveyor/jobs';

/** Codes of library errors that mean "the request was wrong". */
const badRequestCodes: ReadonlySet<string> = new Set([
  StoreErrorCode.deadLetterBadCursor,
  StoreErrorCode.deadLetterBadLimit,
  JobsErrorCode.invalidCursor,
]);

function statusOf(error: unknown): number {
  if (error instanceof BadRequestError) return 400;
  if (error instanceof ForbiddenOriginError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof TooManyLoginFailuresError) return 429;
  if (
    error instanceof BrokerUnavailableError ||
    error instanceof EventsUnavailableError ||
    error instanceof DatabaseUnavailableError
  )
    return 503;
  if (error instanceof ConveyorError && badRequestCodes.has(error.code)) return 400;
  const status = (error as Partial<FastifyError>).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

export function installErrorPages(app: FastifyInstance): void {
  app.setErrorHandler((raised, request, reply) => {
    const outage = statusOf(raised) === 500 ? databaseUnavailableFrom(raised) : undefined;
    const error = outage ?? raised;
    if (outage !== undefined)
      request.log.warn({ err: raised }, 'dashboard page failed: MongoDB is unreachable');
    const status = statusOf(error);
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'dashboard request failed');
    const message =
      status === 500 ? 'Something went wrong; the dashboard log has the details.' : (error as Error).message;
    const context = pageContext(request);
    if (error instanceof TooManyLoginFailuresError || error instanceof DatabaseUnavailableError)
      reply.header('retry-after', String(error.retryAfterSeconds));
    return sendPage(reply, context, errorPage(context, status, message), status);
  });
  app.setNotFoundHandler((request, reply) => {
    const context = pageContext(request);
    return sendPage(
      reply,
      context,
      errorPage(context, 404, `no page ${request.url.split('?')[0] ?? ''}`),
      404,
    );
  });
}
