// Checks a body against its type's schema before anything is sent, naming every bad field.
import type { MessageType } from '@conveyor/contracts';
import { InvalidMessageBodyError } from '../errors/invalid-message-body-error.ts';

export function validateMessageBody(type: MessageType, body: unknown): void {
  const result = type.schema.safeParse(body);
  if (result.success) return;
  throw new InvalidMessageBodyError(
    type.name,
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
  );
}
