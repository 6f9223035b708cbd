// `npm test`: typecheck, lint (eslint + the cycle check), then every vitest project; prints, as its
// last line, "N passed, N failed" (", N skipped" when some were) and exits non-zero on any failure.
// Arguments go to vitest (e.g. `--project unit libs/bus`); `--no-checks` skips typecheck and lint.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const reportFile = join(root, 'test-results', 'vitest.json');

interface Step {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
}

interface FileResult {
  readonly status: string;
  readonly assertionResults: readonly { readonly status: string }[];
}

interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly testResults: readonly FileResult[];
}

function isVitestReport(value: unknown): value is VitestReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'].every(
      (key) => typeof report[key] === 'number',
    ) && Array.isArray(report.testResults)
  );
}

/** Runs a Node script with this Node (the pinned one), output straight to the terminal. */
function run({ name, script, args }: Step): boolean {
  process.stdout.write(`\n> ${name}\n`);
  const result = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'inherit' });
  if (result.error !== undefined) process.stderr.write(`${name}: ${result.error.message}\n`);
  return result.status === 0;
}

function readReport(): VitestReport | undefined {
  if (!existsSync(reportFile)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(reportFile, 'utf8'));
  return isVitestReport(parsed) ? parsed : undefined;
}

const args = process.argv.slice(2);
const skipChecks = args.includes('--no-checks');
const vitestArgs = args.filter((arg) => arg !== '--no-checks');
const problems: string[] = [];

if (!skipChecks) {
  const checks: Step[] = [
    {
      name: 'typecheck: tsc -p tsconfig.json',
      script: 'node_modules/typescript/bin/tsc',
      args: ['-p', 'tsconfig.json'],
    },
    { name: 'lint: eslint .', script: 'node_modules/eslint/bin/eslint.js', args: ['.'] },
    { name: 'lint: import cycles', script: 'scripts/check-cycles.ts', args: [] },
  ];
  for (const check of checks) if (!run(check)) problems.push(`${check.name} failed`);
}

// Only a run that includes the integration project drives the browser.
const projects = vitestArgs.flatMap((arg, index) => {
  if (arg.startsWith('--project=')) return [arg.slice('--project='.length)];
  return vitestArgs[index - 1] === '--project' ? [arg] : [];
});
if (projects.length === 0 || projects.includes('integration')) {
  const missing = ensureChromium((line) => process.stdout.write(`${line}\n`));
  if (missing !== undefined) {
    process.stderr.write(`${missing}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }
}

rmSync(reportFile, { force: true }); // never count a previous run's report
const vitestPassed = run({
  name: `vitest run ${vitestArgs.join(' ')}`.trim(),
  script: 'node_modules/vitest/vitest.mjs',
  args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...vitestArgs],
});

const report = readReport();
let passed = 0;
let failed = 0;
let skipped = 0;
if (report === undefined) {
  problems.push(`vitest wrote no readable report to ${reportFile}`);
} else {
  passed = report.numPassedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A file that fails outside any test (import error, failing hook) counts as one failure.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  failed = report.numFailedTests + brokenFiles;
  if (passed + failed === 0) problems.push('no tests ran');
}
if (!vitestPassed && failed === 0 && passed > 0)
  problems.push('vitest failed outside the tests (see its errors above)');

for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(
  `${String(passed)} passed, ${String(failed)} failed${skipped > 0 ? `, ${String(skipped)} skipped` : ''}\n`,
);
process.exitCode = problems.length > 0 || failed > 0 || !vitestPassed ? 1 : 0;
