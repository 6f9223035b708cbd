// The dashboard's stable error codes and their verdicts, in one place (a missing resource is
// @conveyor/contracts' NOT_FOUND). http/error-pages.ts gives each page its status.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const DashboardErrorCode = defineErrorCodes({
  badRequest: ['BAD_REQUEST', 'permanent'],
  forbiddenOrigin: ['FORBIDDEN_ORIGIN', 'permanent'],
  loginRateLimited: ['LOGIN_RATE_LIMITED', 'retryable'],
  brokerUnavailable: ['BROKER_UNAVAILABLE', 'retryable'],
});

export type DashboardErrorCode = ErrorCodeOf<typeof DashboardErrorCode>;
