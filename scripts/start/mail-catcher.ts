// Where the notifier's mail goes under `npm start`: the caller's SMTP_URL as given, else a mail catcher
// in this process that prints every message it catches, Message-ID first (the notifier's Message-ID is
// `<orderId.kind@conveyor.local>`, so a resend would show the same id twice).
import { startSmtpPeer, type ReceivedMail } from '@conveyor/test/support';

export interface MailDestination {
  readonly smtpUrl: string;
  /** For the banner; credentials in a caller's SMTP_URL are masked. */
  readonly description: string;
  close(): Promise<void>;
}

export function describeCaughtMail(mail: ReceivedMail): string {
  const to = mail.to.length > 0 ? mail.to.join(', ') : mail.envelopeTo.join(', ');
  return `[mail] ${mail.messageId ?? '(no Message-ID)'} to ${to}: ${mail.subject ?? '(no subject)'}`;
}

function masked(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

export async function mailDestination(
  options: { smtpUrl: string | undefined; catcherPort: number },
  say: (line: string) => void,
): Promise<MailDestination> {
  if (options.smtpUrl !== undefined)
    return {
      smtpUrl: options.smtpUrl,
      description: `${masked(options.smtpUrl)} (SMTP_URL; no mail catcher)`,
      close: () => Promise.resolve(),
    };
  const catcher = await startSmtpPeer({
    port: options.catcherPort,
    onMessage: (mail) => say(describeCaughtMail(mail)),
  });
  return {
    smtpUrl: catcher.url,
    description: `${catcher.url} (a mail catcher: each message is printed here)`,
    close: () => catcher.close(),
  };
}
