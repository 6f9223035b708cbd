// Sends order e-mails over SMTP through a pooled nodemailer transport, each send in a CLIENT span.
import type { Tracer } from '@opentelemetry/api';
import { createTransport } from 'nodemailer';
import {
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions';
import { inClientSpan } from '../tracing/in-client-span.ts';
import { NotifierAttribute } from '../tracing/notifier-attributes.ts';
import { smtpFailure } from './smtp-failure.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic, `<...>` included: see emailMessageId. */
  messageId: string;
  notificationId: string;
}

export interface Mailer {
  /** Resolves with the server's final reply once it accepted the message; throws a typed error otherwise. */
  send(email: OutgoingEmail, signal: AbortSignal): Promise<string>;
  /** Closes the pooled connections. Idempotent. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** smtp:// or smtps://, credentials in the URL if the server needs them. */
  smtpUrl: string;
  from: string;
  tracer: Tracer;
  maxConnections?: number;
}

export function createMailer(options: MailerOptions): Mailer {
  const { hostname, port, protocol } = new URL(options.smtpUrl);
  const serverPort = port === '' ? (protocol === 'smtps:' ? 465 : 587) : Number(port);
  const transport = createTransport(
    {
      url: options.smtpUrl,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      // nodemailer's defaults (2 min to connect, 10 min idle socket) outlast any handler deadline.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // Order e-mails carry no attachments: nothing may make the mailer read files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: options.from },
  );
  let closing: Promise<void> | undefined;

  return {
    send(email, signal) {
      return inClientSpan(
        options.tracer,
        'smtp send',
        {
          [ATTR_NETWORK_PROTOCOL_NAME]: 'smtp',
          [ATTR_SERVER_ADDRESS]: hostname,
          [ATTR_SERVER_PORT]: serverPort,
          [NotifierAttribute.notificationId]: email.notificationId,
          [NotifierAttribute.emailMessageId]: email.messageId,
        },
        async () => {
          try {
            const info = await transport.sendMail({
              to: email.to,
              subject: email.subject,
              text: email.text,
              messageId: email.messageId,
              signal,
            });
            return info.response;
          } catch (error) {
            throw smtpFailure(error);
          }
        },
      );
    },
    close() {
      closing ??= Promise.resolve().then(() => {
        transport.close();
      });
      return closing;
    },
  };
}
