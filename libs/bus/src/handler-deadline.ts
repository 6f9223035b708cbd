// Runs a handler under a deadline while renewing its inbox lease, so that
// deadline < lease < the broker's consumer timeout holds for every delivery.
import { HandlerTimeoutError } from './errors/handler-timeout-error.ts';
import { LeaseLostError } from './errors/lease-lost-error.ts';
import type { Logger } from 'pino';
import type { InboxClaim, InboxPort } from '@conveyor/contracts';

export interface DeadlineOptions {
  timeoutMs: number;
  inbox: InboxPort | undefined;
  claim: InboxClaim | undefined;
  leaseMs: number;
  logger: Logger;
}

export async function runWithDeadline<R>(
  run: (signal: AbortSignal) => Promise<R>,
  options: DeadlineOptions,
): Promise<R> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let renewal: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HandlerTimeoutError(options.timeoutMs);
      controller.abort(error);
      reject(error);
    }, options.timeoutMs);
    const { inbox, claim } = options;
    if (inbox !== undefined && claim !== undefined) {
      renewal = setInterval(
        () => {
          inbox.renew(claim, options.leaseMs).then(
            (held) => {
              if (held) return;
              const error = new LeaseLostError(claim.messageId);
              controller.abort(error);
              reject(error);
            },
            (error: unknown) => options.logger.warn({ err: error }, 'inbox lease renewal failed; will retry'),
          );
        },
        Math.max(50, Math.floor(options.leaseMs / 3)),
      );
    }
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    clearInterval(renewal);
  }
}
