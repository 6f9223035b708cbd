// A minimal SMTP client for tests that deliver a hand-made e-mail to a peer (the fault suite's ledger
// self-test sends a duplicate and a resend): one session, one DATA transaction, every reply checked.
import { createConnection, type Socket } from 'node:net';

export interface RawMail {
  readonly from: string;
  readonly to: string;
  /** Angle brackets included, e.g. `<ord_1.shipped@conveyor.local>`. */
  readonly messageId: string;
  readonly subject: string;
  readonly text: string;
}

export class SmtpReplyError extends Error {
  readonly code = 'SMTP_UNEXPECTED_REPLY';
  constructor(command: string, reply: string) {
    super(`SMTP ${command} answered: ${reply}`);
    this.name = 'SmtpReplyError';
  }
}

/** Delivers `mail` to the SMTP server at `smtp://host:port`; resolves once the server accepted it (250). */
export async function sendMail(url: string, mail: RawMail): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = createConnection({ host: hostname, port: Number(port) });
  socket.setEncoding('utf8');
  const replies = replyReader(socket);
  try {
    await expectReply(replies, 'greeting', 220);
    const exchange = async (command: string, code: number) => {
      socket.write(`${command}\r\n`);
      await expectReply(replies, command, code);
    };
    await exchange('EHLO faults.test', 250);
    await exchange(`MAIL FROM:<${mail.from}>`, 250);
    await exchange(`RCPT TO:<${mail.to}>`, 250);
    await exchange('DATA', 354);
    const body = [
      `From: <${mail.from}>`,
      `To: <${mail.to}>`,
      `Message-ID: ${mail.messageId}`,
      `Subject: ${mail.subject}`,
      '',
      ...mail.text.split('\n').map((line) => (line.startsWith('.') ? `.${line}` : line)),
      '.',
    ].join('\r\n');
    await exchange(body, 250);
    await exchange('QUIT', 221);
  } finally {
    socket.destroy();
  }
}

type ReplyReader = () => Promise<string>;

/** Complete replies one at a time (a multi-line reply ends with a `NNN ` line). */
function replyReader(socket: Socket): ReplyReader {
  let buffer = '';
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    wake?.();
  });
  socket.on('error', (error) => {
    failure = error;
    wake?.();
  });
  socket.on('close', () => {
    failure ??= new Error('the SMTP server closed the connection');
    wake?.();
  });
  return async () => {
    for (;;) {
      const match = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
      if (match !== null) {
        const end = match.index + match[0].length;
        const reply = buffer.slice(0, end);
        buffer = buffer.slice(end);
        return reply;
      }
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  };
}

async function expectReply(replies: ReplyReader, command: string, code: number): Promise<void> {
  const reply = await replies();
  const last = reply.trimEnd().split('\r\n').at(-1) ?? '';
  if (!last.startsWith(`${String(code)} `))
    throw new SmtpReplyError(command.split('\r\n')[0] ?? command, reply);
}
