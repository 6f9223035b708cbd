// A real SMTP server for tests (smtp-server + mailparser): listens on 127.0.0.1, port 0, keeps
// every accepted message in memory and answers 250 only once the message is stored. Every accepted
// DATA transaction is one entry of `messages`, the same Message-ID sent again included (the fault
// suite counts those as resends).
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';
import { WaitForTimeoutError } from '../wait-for-timeout-error.ts';

export interface ReceivedMail {
  /** The Message-ID header, angle brackets included. */
  messageId: string | undefined;
  subject: string | undefined;
  /** Addresses in the From header. */
  from: string[];
  /** Addresses in the To header. */
  to: string[];
  /** RCPT TO addresses of the SMTP envelope. */
  envelopeTo: string[];
  text: string | undefined;
  headers: ParsedMail['headers'];
}

export interface SmtpPeer {
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string;
  /** Every accepted message, in arrival order. */
  readonly messages: readonly ReceivedMail[];
  /** Socket errors of client connections (e.g. a sender killed mid-session), which the peer survives. */
  readonly connectionErrors: readonly Error[];
  /** Resolves once at least `count` messages have arrived; rejects after `timeoutMs` (default 10 s). */
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  /** Idempotent. Drops open client connections after a short grace period. */
  close(): Promise<void>;
}

export interface SmtpPeerOptions {
  /** Return an SMTP reply code (e.g. 550, 451) to refuse a recipient at RCPT TO. */
  rejectRecipient?: (address: string) => number | undefined;
  /** 0 (the default) picks a free port; `npm start` uses 1025 as a local mail catcher. */
  port?: number;
  /** Called with every accepted message (the local mail catcher prints them). */
  onMessage?: (mail: ReceivedMail) => void;
}

interface Waiter {
  count: number;
  resolve: (messages: readonly ReceivedMail[]) => void;
}

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<Waiter>();

  const server = new SMTPServer({
    logger: false,
    // Plain SMTP on loopback: no TLS certificate is involved, and any (or no) login is accepted.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'test' });
    },
    onRcptTo(address, _session, callback) {
      const code = options.rejectRecipient?.(address.address);
      if (code === undefined) {
        callback();
        return;
      }
      callback(
        Object.assign(new Error(`recipient ${address.address} refused by the test peer`), {
          responseCode: code,
        }),
      );
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((rcpt: SMTPServerAddress) => rcpt.address);
      simpleParser(stream).then(
        (parsed) => {
          const mail = toReceived(parsed, envelopeTo);
          messages.push(mail);
          options.onMessage?.(mail);
          for (const waiter of waiters) {
            if (messages.length >= waiter.count) {
              waiters.delete(waiter);
              waiter.resolve([...messages]);
            }
          }
          callback();
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  // smtp-server reports a client's socket errors (a sender killed mid-session resets its connection)
  // as 'error' events of the server: without a listener they would crash the test process.
  const connectionErrors: Error[] = [];
  server.on('error', (error: Error) => {
    connectionErrors.push(error);
  });
  let closing: Promise<void> | undefined;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    connectionErrors,
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          count,
          resolve: (received) => {
            clearTimeout(timer);
            resolve(received);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new WaitForTimeoutError(
              `${count} e-mail(s) at the SMTP peer (got ${messages.length})`,
              timeoutMs,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      return closing;
    },
  };
}

function toReceived(parsed: ParsedMail, envelopeTo: string[]): ReceivedMail {
  return {
    messageId: parsed.messageId,
    subject: parsed.subject,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    envelopeTo,
    text: parsed.text,
    headers: parsed.headers,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (field === undefined) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((object) =>
    object.value.flatMap((entry) => (entry.address === undefined ? [] : [entry.address])),
  );
}
