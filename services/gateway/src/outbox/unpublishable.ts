// Which failures mean a stored message can never be published, and under which dead-letter reason the
// outbox relay sets such an entry aside: too large for the bus, or not an outbox entry at all. Any other
// failure (the broker down, a refused or unroutable publish during a deployment) may pass: retried.
import { DeadLetterReason, PayloadTooLargeError } from '@conveyor/bus';
import type { UnpublishableReason } from '@conveyor/outbox';

export const unpublishableReason: UnpublishableReason = (failure) => {
  if (failure.kind === 'invalid-entry') return DeadLetterReason.invalidBody;
  return isUnpublishable(failure.error) ? DeadLetterReason.tooLarge : undefined;
};

export function isUnpublishable(error: unknown): boolean {
  return error instanceof PayloadTooLargeError;
}
