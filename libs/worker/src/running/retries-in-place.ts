// Attempts inside one delivery, for an ordered partition: the next job of the key must not pass a
// failing one, so instead of going round a delay tier the handler is tried again here, after the
// type's backoff, up to its attempts; the last failure is the delivery's.
import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryable } from '@conveyor/contracts';
import type { HandlerInvoker } from './handler-invoker.ts';

export function withRetriesInPlace(invoke: HandlerInvoker): HandlerInvoker {
  return async (definition, data, context) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await invoke(definition, data, { ...context, attempt });
      } catch (error) {
        if (!isRetryable(error) || attempt >= definition.attempts || context.signal.aborted) throw error;
        const delayMs = definition.backoff[Math.min(attempt - 1, definition.backoff.length - 1)] ?? 1_000;
        context.logger.warn({ err: error, attempt, delayMs }, 'ordered job failed; tried again in place');
        await sleep(delayMs, undefined, { signal: context.signal });
      }
    }
  };
}
