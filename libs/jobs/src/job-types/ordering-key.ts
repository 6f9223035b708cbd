// The ordering key of an ordered type's job: given at enqueue, or else the value of the type's key field
// in the data. Every producer derives it the same way, so a key's jobs always share a partition.
import type { JobTypeDocument } from './job-type-document.ts';

/** Null for a type that is not ordered; "" for an ordered job whose data lacks the field. */
export function orderingKeyOf(
  registered: Pick<JobTypeDocument, 'ordered'>,
  payload: Record<string, unknown>,
  given: string | null | undefined,
): string | null {
  if (registered.ordered === null) return given ?? null;
  if (given !== null && given !== undefined) return given;
  const value = payload[registered.ordered.keyField];
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
