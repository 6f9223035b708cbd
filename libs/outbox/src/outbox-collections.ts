// The collections the outbox owns and the indexes it needs. FerretDB 1.x has no TTL indexes: marker
// retention is `deleteOutboxMarkersOlderThan`, called by the scheduler's retention sweep.
import type { IndexDescription } from 'mongodb';

export const outboxCollectionNames = {
  /** One marker per published entry, `_id` = messageId (see outbox-sent.ts). */
  sent: 'outbox_sent',
  /** One watermark per relay owner and collection (see outbox-relay.ts). */
  relayState: 'outbox_relay_state',
} as const;

export const outboxSentIndexes: readonly IndexDescription[] = [{ key: { sentAt: 1 }, name: 'sentAt' }];

/** On an aggregate collection that carries an outbox: lets the relay find documents due for a check. */
export const outboxDueIndex: IndexDescription = {
  key: { outboxDueAt: 1 },
  name: 'outboxDueAt',
  sparse: true,
};
