// The loss check is what makes a pipeline run fail: it must name what was lost or duplicated.
import { describe, expect, it } from 'vitest';
import type { ReceivedMail, SmtpPeer } from '../../support/index.ts';
import { checkForLosses } from './loss-check.ts';
import { PipelineLossError } from './pipeline-loss-error.ts';

function peerWith(messageIds: string[]): SmtpPeer {
  const messages = messageIds.map((messageId): ReceivedMail => ({
    messageId,
    subject: undefined,
    from: [],
    to: [],
    envelopeTo: [],
    text: undefined,
    headers: new Map(),
  }));
  return {
    url: 'smtp://127.0.0.1:0',
    messages,
    connectionErrors: [],
    waitForMessages: (count) =>
      messages.length >= count ? Promise.resolve(messages) : Promise.reject(new Error('not yet')),
    close: () => Promise.resolve(),
  };
}

describe('the pipelines’ loss check', () => {
  it('passes when every order completed and every e-mail arrived once', async () => {
    await expect(
      checkForLosses({
        refused: 0,
        notCompleted: [],
        expectedMessageIds: ['<a>', '<b>'],
        smtp: peerWith(['<b>', '<a>']),
      }),
    ).resolves.toBeUndefined();
  });

  it('names refused and unfinished orders, lost, duplicated and unexpected e-mails', async () => {
    const check = checkForLosses({
      refused: 2,
      notCompleted: [{ id: 'ord_1', status: 'in_progress' }],
      expectedMessageIds: ['<a>', '<b>', '<c>'],
      smtp: peerWith(['<a>', '<a>', '<b>', '<x>']),
      mailWaitMs: 0,
    });
    await expect(check).rejects.toBeInstanceOf(PipelineLossError);
    await expect(check).rejects.toThrow(
      /2 order\(s\) refused.*ord_1: in_progress.*never arrived \(<c>\).*more than once \(<a> ×2\).*unexpected e-mail\(s\) \(<x>\)/,
    );
  });
});
