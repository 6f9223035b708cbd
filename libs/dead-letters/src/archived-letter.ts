// What the archiver hands to its `onArchived` follow-up once a letter is stored: enough to find what
// the message was about (its type, id, tenant and body) and why it died, without reading it back.
import type { NewDeadLetter } from '@conveyor/store';

export interface ArchivedLetter {
  /** The stored record's id. */
  readonly id: string;
  readonly queue: string;
  readonly messageId: string | null;
  readonly type: string | null;
  readonly reason: string;
  readonly error: string;
  readonly tenant: string | null;
  /** The message body as it arrived. */
  readonly body: Buffer;
}

export function archivedLetter(id: string, letter: NewDeadLetter, body: Buffer): ArchivedLetter {
  return {
    id,
    queue: letter.queue,
    messageId: letter.messageId,
    type: letter.type ?? null,
    reason: letter.reason,
    error: letter.error ?? '',
    tenant: letter.tenant ?? null,
    body,
  };
}
