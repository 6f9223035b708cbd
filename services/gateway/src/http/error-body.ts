// Every error leaves the gateway as `{"error":{"code","message","details"}}`; this is its schema (for
// the OpenAPI document and the response serializer) and the mapping from a thrown error to it.
import { RemoteError } from '@conveyor/bus';
import { InvalidJobPayloadError, JobMessageTooLargeError, UnknownJobTypeError } from '@conveyor/jobs';
import { DatabaseUnavailableError } from '@conveyor/store';
import { z } from 'zod';
import { BodyTooLargeError } from '../errors/body-too-large-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { RateLimitedError } from '../errors/rate-limited-error.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { TooManyFailedAuthenticationsError } from '../errors/too-many-failed-authentications-error.ts';

export const errorBody = z
  .object({
    error: z.object({
      /** Stable, e.g. VALIDATION_FAILED, UNAUTHENTICATED, NOT_FOUND, RATE_LIMITED, DATABASE_UNAVAILABLE. */
      code: z.string(),
      message: z.string(),
      /** For VALIDATION_FAILED: one entry per bad field; otherwise what the code needs, or null. */
      details: z.unknown(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBody>;

export function errorBodyOf(error: unknown, code: string, status: number): ErrorBody {
  // A 500 says nothing about our internals; the log has the error, the trace id ties them together.
  const message = status === 500 ? 'internal error' : messageOf(error);
  return { error: { code, message, details: detailsOf(error) } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'request failed';
}

function detailsOf(error: unknown): unknown {
  if (error instanceof RequestValidationError) return error.issues;
  // Named like a validation failure's fields, so a client reads both the same way.
  if (error instanceof UnknownJobTypeError)
    return [{ location: 'body', field: 'type', code: 'unknown_job_type', message: error.message }];
  if (error instanceof InvalidJobPayloadError)
    return error.issues.map((issue) => ({
      location: 'body',
      field: issue.path === '' ? 'payload' : `payload.${issue.path}`,
      code: 'invalid_job_payload',
      message: issue.message,
    }));
  if (error instanceof NotFoundError) return { resource: error.resource, id: error.id };
  if (error instanceof RemoteError) return { retryable: error.retryable };
  if (error instanceof BodyTooLargeError) return { limitBytes: error.limitBytes };
  if (error instanceof JobMessageTooLargeError)
    return { messageBytes: error.messageBytes, limitBytes: error.limitBytes };
  if (
    error instanceof RateLimitedError ||
    error instanceof TooManyFailedAuthenticationsError ||
    error instanceof DatabaseUnavailableError
  )
    return { retryAfterSeconds: error.retryAfterSeconds };
  return null;
}
