// Turns a nodemailer failure into our intent. Only a 5xx about this message or recipient is final;
// connection trouble, timeouts, 4xx and login failures (our configuration, not this message) retry.
import { PermanentError, RetryableError, errorMessage, type ConveyorError } from '@conveyor/contracts';
import type { NodemailerError } from 'nodemailer';
import { NotifierErrorCode } from '../notifier-error-codes.ts';

const messageRejectionCodes: ReadonlySet<string> = new Set(['EENVELOPE', 'EMESSAGE']);

export function smtpFailure(error: unknown): ConveyorError {
  const details: NodemailerError | undefined = error instanceof Error ? error : undefined;
  const reply = details?.responseCode === undefined ? '' : ` (SMTP ${details.responseCode})`;
  const message = `${errorMessage(error)}${reply}`;
  const rejectedForGood =
    details?.permanent === true && details.code !== undefined && messageRejectionCodes.has(details.code);
  return rejectedForGood
    ? new PermanentError(NotifierErrorCode.smtpRejected, `the mail server refused the message: ${message}`, {
        cause: error,
      })
    : new RetryableError(
        NotifierErrorCode.smtpUnavailable,
        `could not hand the message to the mail server: ${message}`,
        {
          cause: error,
        },
      );
}
