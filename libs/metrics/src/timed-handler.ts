// Wraps a message handler so that each run lands in conveyor_handler_duration_seconds: the bus has
// no timing hook, so the handler itself is measured (inbox claim and settle not included).
import type { MessageHandler } from '@conveyor/bus';
import type { Histogram } from 'prom-client';
import type { HandlerLabel } from './metrics.ts';

export function timed<T>(
  histogram: Histogram<HandlerLabel>,
  queue: string,
  handler: MessageHandler<T>,
): MessageHandler<T> {
  return async (message) => {
    const stop = histogram.startTimer({ queue, type: message.envelope.type });
    try {
      const result: unknown = await handler(message);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  };
}
