// JetStream answers a failed expectation with a stable numeric error code; we match that, not text.
import { NatsError } from 'nats';

/** JSStreamWrongLastSequenceErr: the key's last revision is not the one the write expected. */
const WRONG_LAST_SEQUENCE = 10071;

/** True when a conditional KV write (create / update / delete) lost to another writer. */
export function isWrongLastSequence(error: unknown): boolean {
  return error instanceof NatsError && error.api_error?.err_code === WRONG_LAST_SEQUENCE;
}
