// How many ready messages and consumers queues have, read with a passive declare (checkQueue) that
// leaves their messages alone. A queue that does not exist is reported as missing, not as empty.
import type { Channel, ChannelModel } from 'amqplib';

export type QueueDepth =
  { queue: string; found: true; messages: number; consumers: number } | { queue: string; found: false };

export async function readQueueDepths(model: ChannelModel, queues: readonly string[]): Promise<QueueDepth[]> {
  const depths: QueueDepth[] = [];
  let channel: Channel | undefined;
  try {
    for (const queue of queues) {
      channel ??= await openCheckChannel(model);
      try {
        const { messageCount, consumerCount } = await channel.checkQueue(queue);
        depths.push({ queue, found: true, messages: messageCount, consumers: consumerCount });
      } catch (error) {
        if (!isQueueNotFound(error)) throw error;
        // The broker closed the channel with the 404: the next queue needs a new one.
        channel = undefined;
        depths.push({ queue, found: false });
      }
    }
  } finally {
    await channel?.close();
  }
  return depths;
}

async function openCheckChannel(model: ChannelModel): Promise<Channel> {
  const channel = await model.createChannel();
  // A 404 also arrives here as an 'error' event; checkQueue's rejection carries the same error and is
  // handled there. Without a listener the event would crash the process.
  channel.on('error', () => undefined);
  return channel;
}

function isQueueNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 404;
}
