// Dead letters as text for people: a table row each for `dlq list`, everything for `dlq show`.
import type { DeadLetterEntry } from '@conveyor/store';
import { formatTable } from '../format-table.ts';

export function formatDeadLetterTable(entries: readonly DeadLetterEntry[]): string {
  if (entries.length === 0) return 'no dead letters';
  return formatTable(
    ['ID', 'QUEUE', 'REASON', 'ATTEMPTS', 'DEAD-LETTERED', 'REPLAYED', 'TYPE'],
    entries.map((entry) => [
      entry.id,
      entry.queue,
      entry.reason,
      String(entry.attempts),
      entry.deadLetteredAt.toISOString(),
      entry.replayedAt === null ? '-' : entry.replayedAt.toISOString(),
      entry.type ?? '-',
    ]),
  );
}

export function formatDeadLetter(entry: DeadLetterEntry): string {
  const lines = [
    `id:             ${entry.id}`,
    `queue:          ${entry.queue}`,
    `type:           ${entry.type ?? '-'}`,
    `message id:     ${entry.messageId ?? '-'}`,
    `tenant:         ${entry.tenant ?? '-'}`,
    `reason:         ${entry.reason}`,
    `error:          ${entry.error === '' ? '-' : entry.error}`,
    `attempts:       ${entry.attempts}`,
    `dead-lettered:  ${entry.deadLetteredAt.toISOString()}`,
    `replayed:       ${entry.replayedAt === null ? 'no' : entry.replayedAt.toISOString()}`,
    `headers:        ${JSON.stringify(entry.properties.headers)}`,
    'body:',
    bodyText(entry),
  ];
  return lines.join('\n');
}

/** JSON bodies pretty-printed; other text as it is; binary as base64 (as stored). */
function bodyText(entry: DeadLetterEntry): string {
  if (entry.bodyEncoding === 'base64') return `(binary, base64) ${entry.body}`;
  const text = entry.body;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: shown as the text it is.
    return text;
  }
}
