// The gateway's own stable error codes and their verdicts, in one place (a missing resource is
// @conveyor/contracts' NOT_FOUND). http/error-statuses.ts gives each its HTTP status.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const GatewayErrorCode = defineErrorCodes({
  validationFailed: ['VALIDATION_FAILED', 'permanent'],
  malformedJson: ['MALFORMED_JSON', 'permanent'],
  /** No API key at all. */
  unauthenticated: ['UNAUTHENTICATED', 'permanent'],
  /** A malformed or unknown API key. */
  apiKeyInvalid: ['API_KEY_INVALID', 'permanent'],
  apiKeyRevoked: ['API_KEY_REVOKED', 'permanent'],
  routeNotFound: ['ROUTE_NOT_FOUND', 'permanent'],
  idempotencyKeyReused: ['IDEMPOTENCY_KEY_REUSED', 'permanent'],
  scheduleNameTaken: ['SCHEDULE_NAME_TAKEN', 'permanent'],
  bodyTooLarge: ['BODY_TOO_LARGE', 'permanent'],
  /** Too many requests with one key: retry after the given time. */
  rateLimited: ['RATE_LIMITED', 'retryable'],
  /** Too many failed authentications from one client: retry after the given time. */
  authenticationRateLimited: ['AUTHENTICATION_RATE_LIMITED', 'retryable'],
  /** Anything without a known code: a bug or an unexpected failure on the server's side. */
  internal: ['INTERNAL', 'retryable'],
});

export type GatewayErrorCode = ErrorCodeOf<typeof GatewayErrorCode>;
