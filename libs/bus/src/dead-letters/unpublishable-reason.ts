// Why a stored message (an outbox entry, a job to republish) can never go on this bus, as the
// dead-letter reason it is set aside under; undefined when the failure may pass (the broker down, a
// refused or unroutable publish during a deployment) and the message must be tried again.
import { PayloadTooLargeError } from '../errors/payload-too-large-error.ts';
import { DeadLetterReason } from '../envelope/headers.ts';

/** What went wrong with a stored message: it is not a message at all, or publishing it failed. */
export type StoredMessageFailure = { kind: 'invalid-entry' } | { kind: 'publish-failed'; error: unknown };

export function unpublishableReason(failure: StoredMessageFailure): DeadLetterReason | undefined {
  if (failure.kind === 'invalid-entry') return DeadLetterReason.invalidBody;
  return isUnpublishable(failure.error) ? DeadLetterReason.tooLarge : undefined;
}

/** The publish failed in a way no retry can mend. */
export function isUnpublishable(error: unknown): boolean {
  return error instanceof PayloadTooLargeError;
}
