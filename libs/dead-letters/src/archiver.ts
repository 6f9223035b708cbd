// Drains every `<queue>.dlq` into the `dead_letters` collection. A message is acked only after its
// record is stored (and its follow-up, `onArchived`, is done); browsing queues by get/requeue would
// reorder them and race with other readers.
import { DeadLetterReason, deadLetterQueueName, type BusConnection } from '@conveyor/bus';
import type { DeadLetterStore } from '@conveyor/store';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { archivedLetter, type ArchivedLetter } from './archived-letter.ts';
import { deadLetterFromMessage } from './dead-letter-from-message.ts';

export interface ArchiverOptions {
  connection: BusConnection;
  deadLetters: DeadLetterStore;
  logger: Logger;
  /** The work queues whose `.dlq` to drain. */
  queues: readonly string[];
  /**
   * The alternate exchange of `conveyor.events` (`Exchange.unroutable`): its `.dlq` is drained too,
   * each message stored with reason `unroutable`. Left out, unroutable events are not archived here.
   */
  unroutableExchange?: string;
  prefetch?: number;
  /** How long to wait before looking again for a `.dlq` that does not exist yet. */
  retryMissingMs?: number;
  /** First pause before storing a letter again after the database failed (doubles up to 5 s); 500 ms. */
  retryStoreMs?: number;
  /**
   * What the letter's death means elsewhere (the scheduler ends a dead-lettered job's run), done after
   * the record is stored and before the ack, on every delivery of the letter (so it must be
   * idempotent). A failure holds the letter and is retried as a storage failure is: it must not throw
   * for a letter it has nothing to do with.
   */
  onArchived?: (letter: ArchivedLetter) => Promise<void>;
}

export interface DeadLetterArchiver {
  readonly archived: number;
  /** Since when storing letters fails (letters are held meanwhile); undefined while it works. */
  readonly storeUnreachableSince: Date | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDeadLetterArchiver(options: ArchiverOptions): DeadLetterArchiver {
  const { connection, deadLetters, logger } = options;
  const inFlight = new Set<Promise<void>>();
  const channels = new Set<Channel>();
  const retryMissingMs = options.retryMissingMs ?? 10_000;
  let channelModel: ChannelModel | undefined;
  let unsubscribe: (() => void) | undefined;
  let archived = 0;
  let storeUnreachableSince: Date | undefined;
  const retryStoreMs = options.retryStoreMs ?? 500;
  let started: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  /**
   * Stores the letter, then acks it. While storage is down the letter is HELD (unacked) and stored
   * again with backoff: requeueing it would count a delivery each time, and a quorum `.dlq` drops (here:
   * parks) a letter past its delivery limit. Prefetch bounds how many are held; only stop() gives up,
   * handing the letter back to the queue.
   */
  async function archive(current: Channel, queue: string, message: ConsumeMessage): Promise<void> {
    const letter = deadLetterFromMessage(
      queue,
      message,
      queue === options.unroutableExchange ? DeadLetterReason.unroutable : undefined,
    );
    let delayMs = retryStoreMs;
    /** Stored by this delivery, in this try or an earlier one whose follow-up failed. */
    let created = false;
    for (;;) {
      // A closed channel handed its unacked letters back to the queue: nothing is held any more.
      if (!channels.has(current)) return;
      try {
        const recorded = await deadLetters.record(letter);
        created ||= recorded.created;
        // A redelivered letter (stored before a crash) runs its follow-up again: it may not have.
        await options.onArchived?.(archivedLetter(recorded.id, letter, message.content));
      } catch (error) {
        storeUnreachableSince ??= new Date();
        if (stopping !== undefined) {
          logger.warn(
            { err: error, queue },
            'could not archive a dead letter while stopping; it stays queued',
          );
          if (channels.has(current)) current.nack(message, false, true);
          return;
        }
        logger.warn(
          { err: error, queue, retryInMs: delayMs },
          'could not archive a dead letter (or do its follow-up); holding it',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, 5_000);
        continue;
      }
      storeUnreachableSince = undefined;
      if (created) archived += 1;
      if (channels.has(current)) current.ack(message);
      return;
    }
  }

  /**
   * One channel per queue: a `.dlq` that does not exist yet (its service has not started) fails only
   * its own channel, and is looked for again later instead of stopping the archiver.
   */
  async function attach(model: ChannelModel, queue: string): Promise<void> {
    if (stopping !== undefined || model !== channelModel) return;
    const deadLetterQueue = deadLetterQueueName(queue);
    const next = await model.createChannel();
    next.on('error', (error: Error) =>
      logger.debug({ err: error, queue: deadLetterQueue }, 'archiver channel error'),
    );
    try {
      await next.checkQueue(deadLetterQueue);
    } catch {
      // 404 NOT_FOUND closed this channel; the queue appears when its service declares it.
      logger.info(
        { queue: deadLetterQueue, retryInMs: retryMissingMs },
        'dead-letter queue not declared yet',
      );
      setTimeout(() => void attach(model, queue).catch(reportAttachFailure(queue)), retryMissingMs).unref();
      return;
    }
    await next.prefetch(options.prefetch ?? 50);
    logger.info({ queue: deadLetterQueue }, 'archiving dead letters');
    channels.add(next);
    next.on('close', () => channels.delete(next));
    await next.consume(deadLetterQueue, (message) => {
      if (message === null) return;
      const work = archive(next, queue, message);
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    });
  }

  function reportAttachFailure(queue: string) {
    return (error: unknown) =>
      logger.warn({ err: error, queue }, 'archiver could not attach to a dead-letter queue');
  }

  async function consumeAll(model: ChannelModel): Promise<void> {
    if (stopping !== undefined) return;
    channelModel = model;
    const sources = [
      ...options.queues,
      ...(options.unroutableExchange === undefined ? [] : [options.unroutableExchange]),
    ];
    await Promise.all(sources.map((queue) => attach(model, queue)));
  }

  return {
    get archived() {
      return archived;
    },
    get storeUnreachableSince() {
      return storeUnreachableSince;
    },
    start() {
      started ??= (async () => {
        await consumeAll(await connection.ready());
        unsubscribe = connection.onConnected((model) => {
          if (model === channelModel) return;
          consumeAll(model).catch((error: unknown) =>
            logger.error({ err: error }, 'archiver could not resume'),
          );
        });
      })();
      return started;
    },
    stop() {
      stopping ??= (async () => {
        unsubscribe?.();
        await Promise.allSettled([...inFlight]);
        await Promise.allSettled(
          [...channels].map((channel) =>
            channel
              .close()
              .catch((error: unknown) => logger.debug({ err: error }, 'archiver channel already closed')),
          ),
        );
      })();
      return stopping;
    },
  };
}
