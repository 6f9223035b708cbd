// Fastify answers a few malformed URLs itself, before any hook runs: a path with broken percent-encoding
// (`/v1/orders/%zz`) or a path parameter longer than the router's limit. Left alone, those answers
// would skip authentication, the security headers and the error shape. Here a /v1 request is
// authenticated first (401 or 429 as on any route), then refused as 400 VALIDATION_FAILED.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type AuthenticationOptions } from '../auth/authentication.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { sendError } from './error-handling.ts';
import { setSecurityHeaders, type SecurityHeaderOptions } from './security-headers.ts';

export interface FrameworkErrorOptions {
  security: SecurityHeaderOptions;
  authentication: AuthenticationOptions;
}

export function frameworkErrorHandler(options: FrameworkErrorOptions) {
  return (raised: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    setSecurityHeaders(request, reply, options.security);
    const refusal = new RequestValidationError([
      { location: 'params', field: '', code: 'invalid_path', message: 'the path is not a valid URL path' },
    ]);
    request.log.info({ code: raised.code }, 'malformed URL');
    if (!request.url.startsWith('/v1/')) {
      sendError(refusal, request, reply);
      return;
    }
    authenticate(request, options.authentication).then(
      () => sendError(refusal, request, reply),
      (error: unknown) => sendError(error instanceof Error ? error : refusal, request, reply),
    );
  };
}
