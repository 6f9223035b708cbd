// What the SMTP peer received, indexed by recipient and e-mail kind (from the deterministic
// Message-ID `<orderId.kind@conveyor.local>`): the e-mail half of the side-effect ledger, and the
// cheap signal that an order has reached its end (read in-process, no database query).
import type { SmtpPeer } from '../../support/index.ts';

export interface MailsOfKind {
  /** Every Message-ID received for this recipient and kind: more than one is a duplicate e-mail. */
  messageIds: Set<string>;
  /** E-mails received, resends of the same Message-ID included. */
  received: number;
}

export interface MailBook {
  /** The e-mails to `address`, by kind (`confirmed`, `shipped`, `failed`). */
  of(address: string): ReadonlyMap<string, MailsOfKind>;
}

const messageIdPattern = /^<(.+)\.([a-z]+)@conveyor\.local>$/;

export function mailBook(smtp: SmtpPeer): MailBook {
  const byAddress = new Map<string, Map<string, MailsOfKind>>();
  let read = 0;
  const catchUp = () => {
    const { messages } = smtp;
    for (; read < messages.length; read += 1) {
      const mail = messages[read];
      const match = messageIdPattern.exec(mail?.messageId ?? '');
      if (mail === undefined || match === null) continue;
      const kind = match[2] ?? 'unknown';
      for (const address of mail.to) {
        const kinds = byAddress.get(address) ?? new Map<string, MailsOfKind>();
        byAddress.set(address, kinds);
        const entry = kinds.get(kind) ?? { messageIds: new Set<string>(), received: 0 };
        kinds.set(kind, entry);
        entry.messageIds.add(mail.messageId ?? '');
        entry.received += 1;
      }
    }
  };
  return {
    of(address) {
      catchUp();
      return byAddress.get(address) ?? new Map();
    },
  };
}
