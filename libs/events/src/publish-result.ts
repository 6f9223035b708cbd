// What a best-effort publish reports instead of throwing: progress events must never fail the
// business step that emits them.

export type PublishFailureReason =
  /** The event did not match its schema: a bug in the publisher, logged at error. */
  | 'invalid-event'
  /** The connection is down and reconnecting: the event is dropped rather than buffered without bound. */
  | 'disconnected'
  /** close() was called, or the connection gave up. */
  | 'closed'
  /** The client refused it (for example over the server's max payload). */
  | 'rejected';

export type PublishResult =
  | { readonly published: true }
  | { readonly published: false; readonly reason: PublishFailureReason; readonly error?: Error };
