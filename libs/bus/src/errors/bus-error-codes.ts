// The bus's stable error codes and their verdicts, in one place: publishing, request/reply and the
// consumer host. Each is thrown by one error class (this folder) whose base class says the same verdict.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const BusErrorCode = defineErrorCodes({
  /** The bus was closed by its owner. */
  closed: ['BUS_CLOSED', 'permanent'],
  /** A message body over the publisher's limit. */
  payloadTooLarge: ['BUS_PAYLOAD_TOO_LARGE', 'permanent'],
  /** Too many publishes already wait to be sent: try again once the backlog drains. */
  publishBacklogFull: ['BUS_PUBLISH_BACKLOG_FULL', 'retryable'],
  /** The broker nacked a publish (e.g. a full quorum queue with reject-publish). */
  publishNacked: ['BUS_PUBLISH_NACKED', 'retryable'],
  /** The broker closed the channel because of the publish: no such exchange (404) or no access (403). */
  publishRefused: ['BUS_PUBLISH_REFUSED', 'permanent'],
  /** No broker confirm in time: the message may or may not be stored. */
  publishTimeout: ['BUS_PUBLISH_TIMEOUT', 'retryable'],
  /** A mandatory publish that no queue is bound for. */
  unroutable: ['BUS_UNROUTABLE', 'permanent'],
  /** No reply to a request within its timeout. */
  requestTimeout: ['BUS_REQUEST_TIMEOUT', 'retryable'],
  /** A reply that does not parse as a reply body (raised as a RemoteError: the responder is at fault). */
  badReply: ['BAD_REPLY', 'permanent'],
  /** A handler ran past its deadline. */
  handlerTimeout: ['HANDLER_TIMEOUT', 'retryable'],
  /** Another delivery took the inbox claim over; this holder stopped. */
  inboxLeaseLost: ['INBOX_LEASE_LOST', 'retryable'],
  /** The inbox lease could not be renewed; this holder stopped rather than write on unsure of its claim. */
  inboxLeaseRenewalFailed: ['INBOX_LEASE_RENEWAL_FAILED', 'retryable'],
  /** The consumer stopped and its stop budget ran out while the handler ran: the message was requeued. */
  handlerStopTimeout: ['HANDLER_STOP_TIMEOUT', 'retryable'],
});

export type BusErrorCode = ErrorCodeOf<typeof BusErrorCode>;
