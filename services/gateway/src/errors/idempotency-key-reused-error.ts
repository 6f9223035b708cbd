import { PermanentError } from '@conveyor/contracts';

/** The Idempotency-Key was used before with another request body: a client bug, not a retry. */
export class IdempotencyKeyReusedError extends PermanentError {
  constructor(key: string) {
    super('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used with a different request body`);
  }
}
