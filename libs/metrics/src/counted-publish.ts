// Wraps a publish function so that each publish lands in conveyor_messages_published_total{type,outcome}:
// `confirmed` when the broker confirmed it, `failed` when it rejected (unroutable, nacked, timed out...).
import type { OutgoingMessage, Published } from '@conveyor/bus';
import type { Counter } from 'prom-client';
import type { PublishLabel } from './metrics.ts';

export type PublishFunction = (message: OutgoingMessage) => Promise<Published>;

export function countedPublish(counter: Counter<PublishLabel>, publish: PublishFunction): PublishFunction {
  return async (message) => {
    try {
      const published = await publish(message);
      counter.inc({ type: message.type, outcome: 'confirmed' });
      return published;
    } catch (error) {
      counter.inc({ type: message.type, outcome: 'failed' });
      throw error;
    }
  };
}
