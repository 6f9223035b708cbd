import type { InboxClaim, InboxPort } from '@conveyor/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DeadlineSweep } from '../deadlines/deadline-sweep.ts';
import { BusErrorCode } from '../errors/bus-error-codes.ts';
import { LeaseRenewalFailedError } from '../errors/lease-renewal-failed-error.ts';
import { runWithDeadline } from './handler-deadline.ts';
import { RunningHandlers } from './running-handlers.ts';

const claim: InboxClaim = {
  queue: 'q',
  messageId: 'm-1',
  payloadHash: 'h',
  epoch: 1,
  crashes: 0,
  suspect: false,
};

/** An inbox whose lease renewals answer with `renew`; nothing else is called while a handler runs. */
function inboxRenewing(renew: InboxPort['renew']): InboxPort {
  const unused = () => Promise.reject(new Error('not used by a running handler'));
  return { claim: unused, renew, markDone: unused, release: unused, isolate: unused };
}

function options(inbox: InboxPort) {
  return {
    timeoutMs: 60_000,
    deadlines: new DeadlineSweep(60_000),
    inbox,
    claim,
    leaseMs: 150,
    logger: pino({ level: 'silent' }),
    running: new RunningHandlers(),
  };
}

describe('a handler whose inbox lease renewal fails', () => {
  it('is aborted: its signal fires and its run fails with LeaseRenewalFailedError', async () => {
    let handlerSignal: AbortSignal | undefined;
    let renewals = 0;
    const failedThrice = Promise.withResolvers<undefined>();
    const inbox = inboxRenewing(() => {
      renewals += 1;
      if (renewals === 3) failedThrice.resolve(undefined);
      return Promise.reject(new Error('database unreachable'));
    });

    const run = runWithDeadline(async (signal) => {
      handlerSignal = signal();
      // A handler that runs on until it is told to stop, or until three renewals have failed.
      await failedThrice.promise;
      return 'ran on through three failed renewals';
    }, options(inbox));

    await expect(run).rejects.toBeInstanceOf(LeaseRenewalFailedError);
    expect(handlerSignal?.aborted).toBe(true);
    expect(handlerSignal?.reason).toBeInstanceOf(LeaseRenewalFailedError);
    expect((handlerSignal?.reason as LeaseRenewalFailedError).code).toBe(
      BusErrorCode.inboxLeaseRenewalFailed,
    );
  });

  it('runs on while its renewals succeed', async () => {
    let renewals = 0;
    const thrice = Promise.withResolvers<undefined>();
    const inbox = inboxRenewing(() => {
      renewals += 1;
      if (renewals === 3) thrice.resolve(undefined);
      return Promise.resolve(true);
    });
    let handlerSignal: AbortSignal | undefined;

    const result = await runWithDeadline(async (signal) => {
      handlerSignal = signal();
      await thrice.promise;
      return 'done';
    }, options(inbox));

    expect(result).toBe('done');
    expect(handlerSignal?.aborted).toBe(false);
  });
});
