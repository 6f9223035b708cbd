import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/** The Idempotency-Key was used before with another request body: a client bug, not a retry. */
export class IdempotencyKeyReusedError extends PermanentError {
  constructor(key: string) {
    super(
      GatewayErrorCode.idempotencyKeyReused,
      `Idempotency-Key ${key} was already used with a different request body`,
    );
  }
}
