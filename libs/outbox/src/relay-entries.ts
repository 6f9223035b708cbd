// How the relay publishes the entries of one document, whichever pass found them: each in order; an
// entry its owner says can never be published is set aside (see set-aside.ts) and the next goes on;
// any other failure stops this document's entries until the next pass, so their order holds.
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { outboxEntrySchema, type OutboxEntry } from './outbox-entry.ts';
import { markOutboxSent } from './outbox-sent.ts';
import type { OutboxSource } from './outbox-source.ts';
import type { SetAside, UnpublishableReason, RelayFailure } from './set-aside.ts';

export interface RelayEntriesOptions {
  store: Store;
  publish: (entry: OutboxEntry, source: OutboxSource) => Promise<void>;
  unpublishableReason: UnpublishableReason;
  setAside: SetAside;
  logger: Logger;
  clock: () => number;
}

export interface RelayedEntries {
  published: number;
  setAside: number;
  /** False when an entry failed and must be tried again: the document is not done with. */
  done: boolean;
}

export type RelayEntries = (source: OutboxSource, rawEntries: readonly unknown[]) => Promise<RelayedEntries>;

export function createRelayEntries(options: RelayEntriesOptions): RelayEntries {
  const { store, logger } = options;

  /** True when set aside; false when the failure may pass and the entry must be tried again. */
  async function setAsideIfUnpublishable(
    source: OutboxSource,
    raw: unknown,
    failure: RelayFailure,
    messageId: string | undefined,
  ): Promise<boolean> {
    const error = failure.kind === 'invalid-entry' ? failure.error : errorText(failure.error);
    const reason = options.unpublishableReason(failure);
    if (reason === undefined) {
      logger.error(
        { ...source, messageId, err: failure.kind === 'publish-failed' ? failure.error : undefined, error },
        'outbox entry not published; tried again on the next pass',
      );
      return false;
    }
    await options.setAside.record(source, raw, reason, error);
    // Marked like a published entry: the relay is done with it (it is in dead_letters now), so no
    // pass by time takes it again.
    if (messageId !== undefined)
      await markOutboxSent(store, source.collection, source.docId, [messageId], new Date(options.clock()));
    logger.error(
      { ...source, messageId, reason, error },
      'outbox entry can never be published: set aside as a dead letter',
    );
    return true;
  }

  return async (source, rawEntries) => {
    let published = 0;
    let setAside = 0;
    for (const raw of rawEntries) {
      const parsed = outboxEntrySchema.safeParse(raw);
      if (!parsed.success) {
        const failure: RelayFailure = { kind: 'invalid-entry', error: parsed.error.message };
        if (options.unpublishableReason(failure) === undefined) {
          // Nowhere to set it aside: it must neither block the rest nor pass unseen.
          logger.error({ ...source, issues: parsed.error.issues }, 'skipping a malformed outbox entry');
          continue;
        }
        await setAsideIfUnpublishable(source, raw, failure, messageIdOf(raw));
        setAside += 1;
        continue;
      }
      const entry = parsed.data;
      try {
        await options.publish(entry, source);
      } catch (error) {
        const failure: RelayFailure = { kind: 'publish-failed', error };
        if (!(await setAsideIfUnpublishable(source, raw, failure, entry.messageId)))
          return { published, setAside, done: false };
        setAside += 1;
        continue;
      }
      await markOutboxSent(
        store,
        source.collection,
        source.docId,
        [entry.messageId],
        new Date(options.clock()),
      );
      published += 1;
      logger.info(
        { ...source, messageId: entry.messageId, type: entry.type },
        'published an unsent outbox entry',
      );
    }
    return { published, setAside, done: true };
  };
}

/** The messageId of a stored entry, even of one that does not parse otherwise. */
export function messageIdOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('messageId' in raw)) return undefined;
  return typeof raw.messageId === 'string' && raw.messageId !== '' ? raw.messageId : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
