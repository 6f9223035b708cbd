// Drains every `<queue>.dlq` into the `dead_letters` collection. A message is acked only after its
// record is stored; browsing queues by get/requeue would reorder them and race with other readers.
import { deadLetterQueueName, type BusConnection } from '@conveyor/bus';
import type { DeadLetterStore } from '@conveyor/store';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { deadLetterFromMessage } from './dead-letter-from-message.ts';

export interface ArchiverOptions {
  connection: BusConnection;
  deadLetters: DeadLetterStore;
  logger: Logger;
  /** The work queues whose `.dlq` to drain. */
  queues: readonly string[];
  prefetch?: number;
  /** How long to wait before looking again for a `.dlq` that does not exist yet. */
  retryMissingMs?: number;
}

export interface DeadLetterArchiver {
  readonly archived: number;
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
  let started: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  async function archive(current: Channel, queue: string, message: ConsumeMessage): Promise<void> {
    try {
      const { created } = await deadLetters.record(deadLetterFromMessage(queue, message));
      if (created) archived += 1;
      current.ack(message);
    } catch (error) {
      // Storage is down: leave the message in the DLQ (requeued) rather than lose it.
      logger.warn({ err: error, queue }, 'could not archive a dead letter; it stays in the queue');
      setTimeout(() => current.nack(message, false, true), 1_000).unref();
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
    await Promise.all(options.queues.map((queue) => attach(model, queue)));
  }

  return {
    get archived() {
      return archived;
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
