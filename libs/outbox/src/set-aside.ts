// An outbox entry that can never be published (too large for the broker, or not an entry at all) is
// set aside rather than retried for ever: recorded in `dead_letters`, where `conveyor dlq` and the
// dashboard list, replay and purge, under the queue `outbox.<collection>` and the reason the relay's
// owner gives. The record's id comes from the entry, so setting it aside twice keeps one record.
import { createDeadLetterStore, type DeadLetterStore, type NewDeadLetter } from '@conveyor/store';
import type { Store } from '@conveyor/store';
import { z } from 'zod';
import type { OutboxSource } from './outbox-source.ts';

/** Why the relay could not publish an entry; the relay's owner says whether that is for good. */
export type RelayFailure =
  /** The stored entry does not parse as an outbox entry. */
  | { kind: 'invalid-entry'; error: string }
  /** Publishing it failed (the publish function's error). */
  | { kind: 'publish-failed'; error: unknown };

/** A dead-letter reason when the entry can never be published, or undefined to try again later. */
export type UnpublishableReason = (failure: RelayFailure) => string | undefined;

/** The dead-letter queue name an outbox's set-aside entries are listed under. */
export function outboxSetAsideQueue(collection: string): string {
  return `outbox.${collection}`;
}

// What can be read from an entry, even a malformed one, to show it and to replay it.
const looseEntry = z
  .object({
    messageId: z.string().min(1).optional().catch(undefined),
    exchange: z.string().optional().catch(undefined),
    routingKey: z.string().optional().catch(undefined),
    type: z.string().optional().catch(undefined),
    body: z.unknown(),
    headers: z.record(z.string(), z.unknown()).optional().catch(undefined),
    priority: z.number().int().min(0).max(255).nullable().optional().catch(undefined),
    correlationId: z.string().nullable().optional().catch(undefined),
    createdAt: z.date().optional().catch(undefined),
  })
  .catch({ body: undefined });

export interface SetAside {
  record(source: OutboxSource, rawEntry: unknown, reason: string, error: string): Promise<void>;
}

export function createSetAside(store: Store): SetAside {
  const deadLetters: DeadLetterStore = createDeadLetterStore(store);
  return {
    async record(source, rawEntry, reason, error) {
      await deadLetters.record(deadLetterOf(source, rawEntry, reason, error));
    },
  };
}

function deadLetterOf(source: OutboxSource, rawEntry: unknown, reason: string, error: string): NewDeadLetter {
  const entry = looseEntry.parse(rawEntry);
  const origin =
    entry.exchange === undefined || entry.routingKey === undefined
      ? null
      : { exchange: entry.exchange, routingKey: entry.routingKey };
  return {
    queue: outboxSetAsideQueue(source.collection),
    messageId: entry.messageId ?? null,
    type: entry.type ?? null,
    reason,
    error: `${error} (outbox of ${source.collection} ${source.docId})`,
    attempts: 1,
    // When the entry was written, not now: the record's id depends on it, so a second set-aside of
    // the same entry (the relay crashed before it dropped the pending record) finds the first.
    deadLetteredAt: entry.createdAt ?? new Date(0),
    body: entry.body === undefined ? '' : JSON.stringify(entry.body),
    bodyEncoding: 'utf8',
    properties: {
      priority: entry.priority ?? null,
      correlationId: entry.correlationId ?? null,
      contentType: 'application/json',
      headers: entry.headers ?? {},
    },
    origin,
  };
}
