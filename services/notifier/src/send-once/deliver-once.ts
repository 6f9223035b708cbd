// Runs one notification's send under its ledger record: claim, send, mark sent (tried until it lands:
// a lost mark means a resend) — or release the claim when the send fails, so that the retry sends
// again (with the same Message-ID / event id).
import { errorMessage } from '@conveyor/contracts';
import type { Logger } from 'pino';
import type { NotificationLedger } from './notification-ledger.ts';
import type { NotificationTarget } from './notification-record.ts';
import { markSentUntilRecorded } from './mark-sent-until-recorded.ts';

export type DeliveryOutcome = 'sent' | 'already-sent';

/**
 * Sends this process made whose sent mark has not landed yet (the database went away after the peer
 * accepted them), by notification id, with the peer's answer: the next delivery records them instead
 * of sending again. One per notifier; lost with the process (then the send is repeated, same id).
 */
export type UnrecordedSends = Map<string, string>;

export interface DeliverOnceOptions {
  ledger: NotificationLedger;
  target: NotificationTarget;
  /** The delivery's messageId (see NotificationLedger.begin). */
  holder: string;
  /** Resolves with what the peer answered (kept on the record); throws when it was not sent. */
  send: () => Promise<string>;
  logger: Logger;
  /** The handler's deadline: the sent mark is tried again until it lands or this aborts. */
  signal: AbortSignal;
  unrecorded: UnrecordedSends;
}

export async function deliverOnce(options: DeliverOnceOptions): Promise<DeliveryOutcome> {
  const { ledger, target, holder, send, logger, signal, unrecorded } = options;
  const begun = await ledger.begin(target, holder);
  if (begun.kind === 'already-sent') {
    unrecorded.delete(begun.record._id);
    return 'already-sent';
  }
  const { claim } = begun;
  let answer = unrecorded.get(claim.id);
  if (answer === undefined) {
    try {
      answer = await send();
    } catch (error) {
      await ledger.markFailed(claim, errorMessage(error)).catch((markError: unknown) => {
        // The claim then lapses with its lease instead; the send error is the one that matters.
        logger.warn({ err: markError, notificationId: claim.id }, 'could not release the notification claim');
      });
      throw error;
    }
    unrecorded.set(claim.id, answer);
  } else {
    logger.info({ notificationId: claim.id }, 'recording a notification sent before its mark was lost');
  }
  await markSentUntilRecorded(ledger, claim, answer, signal, logger);
  unrecorded.delete(claim.id);
  return 'sent';
}
