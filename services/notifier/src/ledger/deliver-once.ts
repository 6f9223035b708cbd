// Runs one notification's send under its ledger record: claim, send, mark sent — or release the
// claim when the send fails, so that the retry sends again (with the same Message-ID / event id).
import { errorMessage } from '@conveyor/contracts';
import type { Logger } from 'pino';
import type { NotificationLedger } from './notification-ledger.ts';
import type { NotificationTarget } from './notification-record.ts';

export type DeliveryOutcome = 'sent' | 'already-sent';

/** `send` resolves with what the peer answered (kept on the record) and throws when it was not sent. */
export async function deliverOnce(
  ledger: NotificationLedger,
  target: NotificationTarget,
  holder: string,
  send: () => Promise<string>,
  logger: Logger,
): Promise<DeliveryOutcome> {
  const begun = await ledger.begin(target, holder);
  if (begun.kind === 'already-sent') return 'already-sent';
  let answer: string;
  try {
    answer = await send();
  } catch (error) {
    await ledger.markFailed(begun.claim, errorMessage(error)).catch((markError: unknown) => {
      // The claim then lapses with its lease instead; the send error is the one that matters.
      logger.warn(
        { err: markError, notificationId: begun.claim.id },
        'could not release the notification claim',
      );
    });
    throw error;
  }
  await ledger.markSent(begun.claim, answer);
  return 'sent';
}
