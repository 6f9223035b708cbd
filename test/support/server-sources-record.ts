// Where each suite's servers came from, appended to the file TEST_SERVERS_REPORT names (npm test sets it
// per pass and prints it at the end), so the run says which server source every suite used.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function recordServerSources(suite: string, lines: readonly string[]): void {
  const file = process.env.TEST_SERVERS_REPORT;
  if (file === undefined || file === '') return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, lines.map((line) => `${suite}: ${line}\n`).join(''));
}
