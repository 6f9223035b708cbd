// @conveyor/outbox: the transactional outbox, the only door to it. A writer puts the messages its state
// change implies in the same document write (outboxEntries + outboxFields / withOutbox), publishes
// them right after (publishOutbox), and one relay per collection publishes what a crash left unsent.
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
  type OutboxOutgoingMessage,
  type PublishOutgoing,
  type RepublishAs,
} from './outgoing-message.ts';
export { publishOutbox, publishOutboxOrLeaveToRelay, type WrittenOutbox } from './publish-outbox.ts';
export { markOutboxSent, deleteOutboxMarkersOlderThan } from './outbox-sent.ts';
export {
  createOutboxRelay,
  ensureOutboxIndexes,
  relayStateId,
  type OutboxRelay,
  type OutboxRelayOptions,
  type OutboxSource,
} from './outbox-relay.ts';
export { outboxCollectionNames } from './outbox-collections.ts';
