// Runs a handler under a deadline while renewing its inbox lease, so that
// deadline < lease < the broker's consumer timeout holds for every delivery; a stop whose budget ran
// out ends it early through the host's RunningHandlers.
import type { Logger } from 'pino';
import type { InboxClaim, InboxPort } from '@conveyor/contracts';
import type { DeadlineSweep } from '../deadlines/deadline-sweep.ts';
import { HandlerTimeoutError } from '../errors/handler-timeout-error.ts';
import { LeaseLostError } from '../errors/lease-lost-error.ts';
import { LeaseRenewalFailedError } from '../errors/lease-renewal-failed-error.ts';
import type { RunningHandlers } from './running-handlers.ts';

export interface DeadlineOptions {
  timeoutMs: number;
  /** Watches `timeoutMs` for every delivery of the host with one timer. */
  deadlines: DeadlineSweep;
  inbox: InboxPort | undefined;
  claim: InboxClaim | undefined;
  leaseMs: number;
  logger: Logger;
  /** Where the run is registered while it runs, so that a stop past its budget can abort it. */
  running: RunningHandlers;
}

/**
 * Runs `run` until it settles, its deadline passes or the host aborts it (a stop past its budget).
 * The signal is made only when the handler reads it (most never do, and an AbortController per
 * delivery is a measurable cost at high rates); it is aborted with the reason the run fails with.
 */
export function runWithDeadline<R>(
  run: (signal: () => AbortSignal) => R | PromiseLike<R>,
  options: DeadlineOptions,
): Promise<R> {
  let controller: AbortController | undefined;
  const signal = () => (controller ??= new AbortController()).signal;
  return new Promise<R>((resolve, reject) => {
    let renewal: NodeJS.Timeout | undefined;
    const stop = () => {
      options.deadlines.cancel(deadline);
      clearInterval(renewal);
      unregister();
    };
    const fail = (error: Error) => {
      stop();
      (controller ??= new AbortController()).abort(error);
      reject(error);
    };
    const deadline = options.deadlines.start(() => {
      fail(new HandlerTimeoutError(options.timeoutMs));
    });
    const unregister = options.running.add(fail);
    const { inbox, claim } = options;
    if (inbox !== undefined && claim !== undefined) {
      renewal = setInterval(
        () => {
          inbox.renew(claim, options.leaseMs).then(
            (held) => {
              if (!held) fail(new LeaseLostError(claim.messageId));
            },
            // Unsure of its claim, the holder stops: writing on regardless is how two writers happen.
            (error: unknown) => fail(new LeaseRenewalFailedError(claim.messageId, error)),
          );
        },
        Math.max(50, Math.floor(options.leaseMs / 3)),
      );
    }
    let result: R | PromiseLike<R>;
    try {
      result = run(signal);
    } catch (error) {
      // A handler that throws at once fails like one whose promise rejects (a throw in an
      // executor rejects its promise).
      stop();
      throw error;
    }
    if (!isThenable(result)) {
      // Synchronous handlers (many are) settle without another promise.
      stop();
      resolve(result);
      return;
    }
    Promise.resolve(result).finally(stop).then(resolve, reject);
  });
}

function isThenable<R>(value: R | PromiseLike<R>): value is PromiseLike<R> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'then' in value &&
    typeof (value as { then: unknown }).then === 'function'
  );
}
