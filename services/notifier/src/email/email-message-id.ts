// The Message-ID of an order e-mail is derived from the event, so a resend after a crash carries
// the same one and receivers (and our tests) can de-duplicate by it.
import type { NotificationKind } from '../notification-kind.ts';

export const messageIdDomain = 'conveyor.local';

/** `<orderId.kind@conveyor.local>`; characters that a msg-id may not hold are %-encoded. */
export function emailMessageId(orderId: string, kind: NotificationKind): string {
  return `<${encodeIdPart(orderId)}.${kind}@${messageIdDomain}>`;
}

// Letters, digits, '.', '_' and '-' pass unchanged (UUIDs, ULIDs and the like are untouched);
// anything else (space, '<', '>', '@', '%', non-ASCII) is written as %XX of its UTF-8 bytes.
function encodeIdPart(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9._-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
