import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

const codes = {
  missing: GatewayErrorCode.unauthenticated,
  invalid: GatewayErrorCode.apiKeyInvalid,
  revoked: GatewayErrorCode.apiKeyRevoked,
} as const;

/**
 * The request carries no usable API key: none (UNAUTHENTICATED), one that is malformed or unknown
 * (API_KEY_INVALID), or one that was revoked (API_KEY_REVOKED). All answer 401; the key is never echoed.
 */
export class UnauthenticatedError extends PermanentError {
  readonly reason: keyof typeof codes;

  constructor(reason: keyof typeof codes, message: string) {
    super(codes[reason], message);
    this.reason = reason;
  }
}
