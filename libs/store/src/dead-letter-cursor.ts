// Opaque page cursor for dead letters listed newest first: the (deadLetteredAt, id) of the last one shown.
import { PermanentError } from '@conveyor/contracts';
import { StoreErrorCode } from './store-error-codes.ts';

export interface DeadLetterPosition {
  deadLetteredAt: Date;
  id: string;
}

export function encodeDeadLetterCursor(position: DeadLetterPosition): string {
  return Buffer.from(`${position.deadLetteredAt.getTime()}.${position.id}`, 'utf8').toString('base64url');
}

export function decodeDeadLetterCursor(cursor: string): DeadLetterPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const dot = text.indexOf('.');
  const millis = Number(text.slice(0, dot));
  const id = text.slice(dot + 1);
  if (dot <= 0 || !Number.isSafeInteger(millis) || id === '') {
    throw new PermanentError(StoreErrorCode.deadLetterBadCursor, `not a dead-letter page cursor: ${cursor}`);
  }
  return { deadLetteredAt: new Date(millis), id };
}
