import { describe, expect, it } from 'vitest';
import { sendMail } from '@conveyor/test/support';
import { describeCaughtMail, mailDestination } from './mail-catcher.ts';

const mail = {
  messageId: '<ord_1.confirmed@conveyor.local>',
  subject: 'Your order is confirmed',
  from: ['orders@conveyor.local'],
  to: ['demo@example.test'],
  envelopeTo: ['demo@example.test'],
  text: undefined,
  headers: new Map(),
};

describe('the mail catcher', () => {
  it('prints each caught message with its Message-ID', () => {
    expect(describeCaughtMail(mail)).toBe(
      '[mail] <ord_1.confirmed@conveyor.local> to demo@example.test: Your order is confirmed',
    );
  });

  it('is not started when the caller gives SMTP_URL, which is used as given', async () => {
    const lines: string[] = [];
    const destination = await mailDestination(
      { smtpUrl: 'smtp://user:secret@mail.example.test:2525', catcherPort: 1025 },
      (line) => lines.push(line),
    );
    expect(destination.smtpUrl).toBe('smtp://user:secret@mail.example.test:2525');
    expect(destination.description).not.toContain('secret');
    await destination.close();
  });

  it('catches mail on a port of its own when SMTP_URL is unset, printing each Message-ID', async () => {
    const lines: string[] = [];
    const destination = await mailDestination({ smtpUrl: undefined, catcherPort: 0 }, (line) =>
      lines.push(line),
    );
    try {
      expect(destination.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      await sendMail(destination.smtpUrl, {
        from: 'orders@conveyor.local',
        to: 'demo@example.test',
        messageId: '<ord_2.shipped@conveyor.local>',
        subject: 'Shipped',
        text: 'on its way',
      });
      expect(lines).toEqual(['[mail] <ord_2.shipped@conveyor.local> to demo@example.test: Shipped']);
    } finally {
      await destination.close();
    }
  });
});
