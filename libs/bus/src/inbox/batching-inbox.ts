// An inbox whose claims and done marks are written in batches when the underlying inbox offers batch
// forms: the deliveries of one prefetch window that arrive together share one claim write and one
// done-mark write. Each delivery still waits for its own outcome, so the order per delivery is
// unchanged: claim before parsing, done recorded before the ack, and a failed batch fails them all.
import { ContractsErrorCode, PermanentError } from '@conveyor/contracts';
import type {
  ClaimOutcome,
  DoneMarkOutcome,
  InboxClaim,
  InboxClaimRequest,
  InboxPort,
} from '@conveyor/contracts';
import { WriteBatcher } from './write-batcher.ts';

export interface BatchingOptions {
  /** Deliveries per batch at most (the prefetch bounds how many can be waiting anyway). */
  maxBatch: number;
  /** Batches of one kind in flight at once. */
  maxConcurrent?: number;
}

const defaultMaxConcurrent = 1;

export function batchingInbox(inbox: InboxPort, options: BatchingOptions): InboxPort {
  const maxConcurrent = options.maxConcurrent ?? defaultMaxConcurrent;
  const claimMany = inbox.claimMany?.bind(inbox);
  const markDoneMany = inbox.markDoneMany?.bind(inbox);
  const claims =
    claimMany === undefined
      ? undefined
      : new WriteBatcher<InboxClaimRequest, ClaimOutcome>({
          write: claimMany,
          maxBatch: options.maxBatch,
          maxConcurrent,
        });
  const doneMarks =
    markDoneMany === undefined
      ? undefined
      : new WriteBatcher<InboxClaim, DoneMarkOutcome>({
          write: markDoneMany,
          maxBatch: options.maxBatch,
          maxConcurrent,
        });

  return {
    claim: (request) => (claims === undefined ? inbox.claim(request) : claims.add(request)),

    async markDone(claim) {
      if (doneMarks === undefined) return inbox.markDone(claim);
      const outcome = await doneMarks.add(claim);
      if (outcome.kind === 'reused-id') {
        throw new PermanentError(
          ContractsErrorCode.inboxReusedId,
          `message ${claim.messageId} on ${claim.queue} is done with another payload`,
        );
      }
    },

    renew: (claim, leaseMs) => inbox.renew(claim, leaseMs),
    release: (claim) => inbox.release(claim),
    isolate: (claim) => inbox.isolate(claim),
  };
}
