// The collections this library owns and the indexes each needs. FerretDB 1.x has no partial or TTL
// indexes, so only plain, compound, unique and sparse ones are used.
import type { IndexDescription } from 'mongodb';

export const collectionNames = {
  inbox: 'inbox',
  /** One liveness record per consumer process that claims (see inbox-holder.ts). */
  inboxHolders: 'inbox_holders',
  deadLetters: 'dead_letters',
} as const;

export const libraryIndexes: ReadonlyArray<{ collection: string; indexes: IndexDescription[] }> = [
  {
    collection: collectionNames.inbox,
    indexes: [
      { key: { queue: 1, messageId: 1 }, name: 'queue_messageId' },
      { key: { createdAt: 1 }, name: 'createdAt' },
    ],
  },
  {
    collection: collectionNames.deadLetters,
    indexes: [
      { key: { deadLetteredAt: -1, _id: -1 }, name: 'deadLetteredAt_id' },
      { key: { queue: 1, deadLetteredAt: -1 }, name: 'queue_deadLetteredAt' },
      { key: { reason: 1, deadLetteredAt: -1 }, name: 'reason_deadLetteredAt' },
    ],
  },
];
