// @conveyor/outbox: the transactional outbox, the only door to it. A writer records its write as
// pending (recordPendingOutbox), puts the messages its state change implies in the same document write
// (outboxEntries + outboxFields / withOutbox), publishes them right after (publishOutbox), and one
// relay per collection publishes what a crash left unsent, or sets aside what can never be published.
export {
  outboxEntries,
  outboxFields,
  withOutbox,
  outboxMessageSchema,
  outboxEntrySchema,
  type OutboxMessage,
  type OutboxEntry,
  type OutboxFields,
  type OutboxUpdate,
} from './outbox-entry.ts';
export {
  toOutgoingMessage,
  encodedBodyBytes,
  type OutboxOutgoingMessage,
  type PublishOutgoing,
  type RepublishAs,
} from './outgoing-message.ts';
export { publishOutbox, publishOutboxOrLeaveToRelay, type WrittenOutbox } from './publish-outbox.ts';
export {
  recordPendingOutbox,
  dropPendingOutbox,
  pendingOutboxWrites,
  pendingOutboxSchema,
  type PendingOutbox,
  type PendingOutboxWrite,
  type PendingOutboxPage,
  type OutboxDocumentId,
} from './outbox-pending.ts';
export { markOutboxSent, deleteOutboxMarkersOlderThan } from './outbox-sent.ts';
export {
  createOutboxRelay,
  ensureOutboxIndexes,
  type OutboxRelay,
  type OutboxRelayOptions,
} from './outbox-relay.ts';
export { relayStateId } from './relay-time-window-pass.ts';
export { outboxSetAsideQueue, type RelayFailure, type UnpublishableReason } from './set-aside.ts';
export type { OutboxSource } from './outbox-source.ts';
export { outboxCollectionNames } from './outbox-collections.ts';
