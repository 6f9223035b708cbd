// The events library's stable error codes and their verdicts, in one place.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const EventsErrorCode = defineErrorCodes({
  /** NATS could not be reached (first connection, or a request that got no answer). */
  eventsUnavailable: ['EVENTS_UNAVAILABLE', 'retryable'],
});

export type EventsErrorCode = ErrorCodeOf<typeof EventsErrorCode>;
