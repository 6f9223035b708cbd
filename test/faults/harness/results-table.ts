// One row per scenario, as printed after a run and committed in test/faults/RESULTS.md.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { percentile, type HeldMessagesAtKill } from './held-messages.ts';
import type { ScenarioResult } from './scenario-run.ts';

const header = [
  'scenario',
  'attempted',
  'completed',
  'failed as designed',
  'lost',
  'duplicate effects',
  'resends',
  'dead-lettered by reason',
  'time to recover (max)',
  'kill → held messages handled again (p99 / max)',
  'run time',
];

export function resultsTable(results: readonly ScenarioResult[]): string {
  const rows = results.map((result) => [
    result.title,
    String(result.attempted),
    String(result.completed),
    String(result.endedAsExpected),
    // A ledger read while the system was still busy is no verdict: never "0 lost".
    result.notQuiet ?? String(result.lost),
    result.notQuiet ?? String(result.duplicateEffects),
    result.resendsAllowed > 0
      ? `${String(result.resends)} (≤ ${String(result.resendsAllowed)})`
      : String(result.resends),
    deadLetters(result.deadLettered),
    recovery(result.recoveryMs),
    heldCell(result.heldMessages),
    `${result.seconds.toFixed(0)} s`,
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function deadLetters(byReason: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byReason).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0
    ? '0'
    : entries.map(([reason, count]) => `${reason}: ${String(count)}`).join(', ');
}

function recovery(times: ReadonlyArray<number | undefined>): string {
  if (times.length === 0) return '–';
  if (times.some((time) => time === undefined)) return 'not recovered';
  return `${(Math.max(...times.map((time) => time ?? 0)) / 1000).toFixed(1)} s`;
}

function heldTimes(kills: readonly HeldMessagesAtKill[]): { times: number[]; never: number } {
  const all = kills.flatMap((kill) => kill.handledAgainMs);
  const times = all.filter((ms) => ms !== undefined);
  return { times, never: all.length - times.length };
}

function heldCell(kills: readonly HeldMessagesAtKill[] | undefined): string {
  if (kills === undefined) return '–';
  const { times, never } = heldTimes(kills);
  if (never > 0) return `${String(never)} never handled again`;
  const p99 = percentile(times, 99);
  const max = percentile(times, 100);
  if (p99 === undefined || max === undefined) return 'none held';
  return `${(p99 / 1000).toFixed(1)} s / ${(max / 1000).toFixed(1)} s`;
}

/** The note of a kill -9 row: messages held per kill, and the times to their next claim. */
export function heldNote(kills: readonly HeldMessagesAtKill[]): string {
  const { times, never } = heldTimes(kills);
  const perKill = kills.map((kill) => kill.handledAgainMs.length);
  const median = percentile(times, 50);
  return (
    `${String(times.length + never)} messages held by the killed processes over ${String(kills.length)} kills ` +
    `(per kill: ${perKill.join(', ')}); from the kill to their next claim: ` +
    (times.length === 0
      ? 'none'
      : `median ${((median ?? 0) / 1000).toFixed(1)} s, p99 ${((percentile(times, 99) ?? 0) / 1000).toFixed(1)} s, ` +
        `max ${((percentile(times, 100) ?? 0) / 1000).toFixed(1)} s`) +
    (never > 0 ? `; ${String(never)} never handled again` : '')
  );
}

export interface ResultsReport {
  readonly scale: string;
  readonly startedAt: Date;
  readonly seconds: number;
  readonly results: readonly ScenarioResult[];
}

export async function writeResults(path: string, report: ResultsReport): Promise<void> {
  const notes = report.results.flatMap((result) =>
    [
      ...result.notes,
      ...(result.heldMessages === undefined ? [] : [heldNote(result.heldMessages)]),
      ...result.problems.map((problem) => `PROBLEM: ${problem}`),
      ...result.lostDetails.map((lost) => `lost: ${lost}`),
    ].map((note) => `- ${result.title}: ${note}`),
  );
  const text = `# Fault suite results

Written by \`npm run test:faults\` (the full suite, \`FAULTS_SCALE=full\`) on ${report.startedAt.toISOString()}:
${String(availableParallelism())} cores, Node ${process.version}, every server on loopback, the destructive
steps against the suite's private RabbitMQ node, NATS and FerretDB. ${report.results.length} scenarios in
${(report.seconds / 60).toFixed(1)} min. What each column means: [README.md](README.md).

${resultsTable(report.results)}

## Notes

${notes.join('\n')}
`;
  await writeFile(path, text);
}
