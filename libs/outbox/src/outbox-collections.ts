// The collections the outbox owns and the indexes it needs. FerretDB 1.x has no TTL indexes: marker
// retention is `deleteOutboxMarkersOlderThan`, called by the scheduler's retention sweep.
import type { IndexDescription } from 'mongodb';

export const outboxCollectionNames = {
  /** One marker per published entry, `_id` = messageId (see outbox-sent.ts). */
  sent: 'outbox_sent',
  /** One watermark per relay owner and collection (see relay-time-window-pass.ts). */
  relayState: 'outbox_relay_state',
  /** One record per outbox write not yet published: the relay's to-do list (see outbox-pending.ts). */
  pending: 'outbox_pending',
} as const;

export const outboxSentIndexes: readonly IndexDescription[] = [{ key: { sentAt: 1 }, name: 'sentAt' }];

/** The relay reads the pending writes of one collection at a time (an equality FerretDB pushes down). */
export const outboxPendingIndexes: readonly IndexDescription[] = [
  { key: { collection: 1, docId: 1 }, name: 'collection_docId' },
];

/** On an aggregate collection that carries an outbox: lets the relay find documents due for a check. */
export const outboxDueIndex: IndexDescription = {
  key: { outboxDueAt: 1 },
  name: 'outboxDueAt',
  sparse: true,
};
