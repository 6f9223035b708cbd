// What the end-to-end stack leaves on the shared brokers after stop(): its services' queues (each
// bound to the events exchange, so left alone they would collect a copy of every later order event)
// and the scheduler's leader KV bucket. Their names are read from the running processes' environment.
import { readFile } from 'node:fs/promises';
import amqp from 'amqplib';
import { connect } from 'nats';
import { deadLetterQueueName } from '@conveyor/bus';

export interface StackLeftovers {
  queues: string[];
  kvBuckets: string[];
}

/** Linux: /proc/<pid>/environ of each service process; variables named *_QUEUE and LEADER_BUCKET. */
export async function readStackLeftovers(pids: readonly number[]): Promise<StackLeftovers> {
  const queues = new Set<string>();
  const kvBuckets = new Set<string>();
  for (const pid of pids) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    for (const entry of environ.split('\0')) {
      const separator = entry.indexOf('=');
      const name = entry.slice(0, separator);
      const value = entry.slice(separator + 1);
      if (separator <= 0 || value === '') continue;
      if (name.endsWith('_QUEUE')) queues.add(value);
      if (name === 'LEADER_BUCKET') kvBuckets.add(value);
    }
  }
  return { queues: [...queues], kvBuckets: [...kvBuckets] };
}

export async function removeStackLeftovers(
  leftovers: StackLeftovers,
  servers: { amqpUrl: string; natsUrl: string },
): Promise<void> {
  const connection = await amqp.connect(servers.amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of leftovers.queues) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(deadLetterQueueName(queue));
    }
  } finally {
    await connection.close();
  }
  if (leftovers.kvBuckets.length === 0) return;
  const nats = await connect({ servers: servers.natsUrl });
  try {
    const streams = await nats.jetstreamManager();
    for (const bucket of leftovers.kvBuckets) {
      await streams.streams.delete(`KV_${bucket}`).catch((error: unknown) => {
        // Already gone (never created, or removed by its owner) is what we want.
        if (!(error instanceof Error && 'code' in error && error.code === '404')) throw error;
      });
    }
  } finally {
    await nats.close();
  }
}
