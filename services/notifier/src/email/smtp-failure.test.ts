import { describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '@conveyor/contracts';
import { smtpFailure } from './smtp-failure.ts';

function nodemailerError(fields: { code?: string; responseCode?: number; permanent?: boolean }): Error {
  return Object.assign(new Error('Mail command failed'), fields);
}

describe('smtpFailure', () => {
  it('is permanent when the server refuses the recipient or the message with 5xx', () => {
    const refused = smtpFailure(nodemailerError({ code: 'EENVELOPE', responseCode: 550, permanent: true }));
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused.code).toBe('SMTP_REJECTED');
    expect(refused.message).toContain('550');
    expect(
      smtpFailure(nodemailerError({ code: 'EMESSAGE', responseCode: 554, permanent: true })),
    ).toBeInstanceOf(PermanentError);
  });

  it('retries a deferral (4xx)', () => {
    const deferred = smtpFailure(nodemailerError({ code: 'EENVELOPE', responseCode: 451, permanent: false }));
    expect(deferred).toBeInstanceOf(RetryableError);
    expect(deferred.code).toBe('SMTP_UNAVAILABLE');
  });

  it('retries connection trouble and rejected logins, which are about us, not the message', () => {
    expect(smtpFailure(nodemailerError({ code: 'ECONNECTION' }))).toBeInstanceOf(RetryableError);
    expect(smtpFailure(nodemailerError({ code: 'ETIMEDOUT' }))).toBeInstanceOf(RetryableError);
    expect(
      smtpFailure(nodemailerError({ code: 'EAUTH', responseCode: 535, permanent: true })),
    ).toBeInstanceOf(RetryableError);
    expect(smtpFailure('not even an error')).toBeInstanceOf(RetryableError);
  });
});
