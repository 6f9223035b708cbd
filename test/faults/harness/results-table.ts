// One row per scenario, as printed after a run and committed in test/faults/RESULTS.md.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
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
  'run time',
];

export function resultsTable(results: readonly ScenarioResult[]): string {
  const rows = results.map((result) => [
    result.title,
    String(result.attempted),
    String(result.completed),
    String(result.endedAsExpected),
    String(result.lost),
    String(result.duplicateEffects),
    String(result.resends),
    deadLetters(result.deadLettered),
    recovery(result.recoveryMs),
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
