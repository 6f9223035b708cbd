// What the SMTP peer accepted, indexed by recipient (the SMTP envelope's) and e-mail kind (from the
// deterministic Message-ID `<orderId.kind@conveyor.local>`): the e-mail half of the side-effect
// ledger, and the cheap signal that an order has reached its end (read in-process, no database query).
// Every accepted DATA transaction counts: one without such a Message-ID is filed as `unattributed`.
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
/** The kind of an accepted e-mail whose Message-ID is not Conveyor's: never expected, so never hidden. */
export const unattributedKind = 'unattributed';

export function mailBook(smtp: SmtpPeer): MailBook {
  const byAddress = new Map<string, Map<string, MailsOfKind>>();
  let read = 0;
  const catchUp = () => {
    const { messages } = smtp;
    for (; read < messages.length; read += 1) {
      const mail = messages[read];
      if (mail === undefined) continue;
      const match = messageIdPattern.exec(mail.messageId ?? '');
      const kind = match?.[2] ?? unattributedKind;
      const recipients = mail.envelopeTo.length > 0 ? mail.envelopeTo : mail.to;
      for (const address of recipients) {
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
