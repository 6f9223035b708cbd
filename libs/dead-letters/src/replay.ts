// Operator actions on archived dead letters. Replay publishes to the original queue (an unroutable
// letter: to the exchange it was published to) with a fresh attempt count and resets that message's
// inbox record; a message whose effect is recorded as done
// is reported as such instead of being silently skipped downstream.
import { Header, type Publisher } from '@conveyor/bus';
import {
  decodeDeadLetterBody,
  type DeadLetterEntry,
  type DeadLetterStore,
  type Inbox,
} from '@conveyor/store';
import type { Logger } from 'pino';

export type ReplayResult =
  | { status: 'replayed'; id: string; queue: string; messageId: string }
  | { status: 'already-done'; id: string; queue: string; messageId: string }
  | { status: 'not-found'; id: string };

export interface ReplayOptions {
  /** Replay even when the inbox records the message as done (its effect will happen again). */
  force?: boolean;
}

export interface ReplayerOptions {
  publisher: Publisher;
  deadLetters: DeadLetterStore;
  inbox: Pick<Inbox, 'status' | 'reset'>;
  logger: Logger;
}

/** Headers that describe the previous life of the message and must not follow it into the next one. */
const resetHeaders = [
  Header.attempt,
  Header.deferrals,
  Header.deadLetterReason,
  Header.deadLetterError,
  Header.deadLetterAttempts,
  Header.deadLetterQueue,
  Header.deadLetterAt,
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-delivery-count',
];

export function createReplayer({ publisher, deadLetters, inbox, logger }: ReplayerOptions) {
  async function replayEntry(entry: DeadLetterEntry, options: ReplayOptions): Promise<ReplayResult> {
    // A message that arrived without an id gets one now: without it the inbox cannot guard it.
    const messageId = entry.messageId ?? `replay:${entry.id}`;
    // An unroutable letter never reached a queue, so no inbox knows it: it goes back to where it was
    // published, to every queue bound there now (or to the alternate exchange again if still none is).
    const target =
      entry.origin === null
        ? { exchange: '', routingKey: entry.queue }
        : { exchange: entry.origin.exchange, routingKey: entry.origin.routingKey };
    if (entry.messageId !== null && entry.origin === null) {
      const status = await inbox.status(entry.queue, entry.messageId);
      if (status === 'done' && options.force !== true) {
        return { status: 'already-done', id: entry.id, queue: entry.queue, messageId };
      }
      await inbox.reset(entry.queue, entry.messageId);
    }
    const headers = Object.fromEntries(
      Object.entries({ ...entry.properties.headers, [Header.replayedFrom]: entry.id }).filter(
        ([name]) => !resetHeaders.includes(name),
      ),
    );
    await publisher.forward({
      ...target,
      type: entry.type ?? '',
      body: decodeDeadLetterBody(entry),
      messageId,
      correlationId: entry.properties.correlationId ?? undefined,
      priority: entry.properties.priority ?? undefined,
      tenant: entry.tenant ?? undefined,
      attempt: 1,
      headers,
    });
    await deadLetters.markReplayed(entry.id, new Date());
    logger.info({ id: entry.id, queue: entry.queue, messageId }, 'dead letter replayed');
    return { status: 'replayed', id: entry.id, queue: entry.queue, messageId };
  }

  return {
    async replay(id: string, options: ReplayOptions = {}): Promise<ReplayResult> {
      const entry = await deadLetters.get(id);
      if (entry === null) return { status: 'not-found', id };
      return replayEntry(entry, options);
    },

    /** Replays every archived letter of a queue (optionally of one reason), page by page. */
    async replayAll(
      filter: { queue: string; reason?: string },
      options: ReplayOptions & { onProgress?: (result: ReplayResult) => void } = {},
    ): Promise<ReplayResult[]> {
      const results: ReplayResult[] = [];
      let after: string | undefined;
      do {
        const page = await deadLetters.list({ ...filter, limit: 100, after });
        for (const entry of page.entries) {
          if (entry.replayedAt !== null) continue;
          const result = await replayEntry(entry, options);
          results.push(result);
          options.onProgress?.(result);
        }
        after = page.next ?? undefined;
      } while (after !== undefined);
      return results;
    },
  };
}

export type Replayer = ReturnType<typeof createReplayer>;
