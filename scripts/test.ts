// `npm test`: typecheck, lint (eslint + the cycle check), then the vitest projects in passes, one per
// server source:
//   local servers  unit, integration, the example apps on the packed SDK and the quick fault suite
//                  (TEST_SERVER_SOURCE=local);
//   containers     the bus and inbox suites and the quick fault suite again on containers started by
//                  Testcontainers, then the compose stack and the production image (`docker` project);
//                  whenever a Docker engine can be had (test/support/docker installs and starts one as
//                  root), else the run says why not.
// Prints which source each pass used and, as its last line, "N passed, N failed" (", N skipped" when
// some were); exits non-zero on any failure. Arguments go to vitest as one run instead of the passes
// (e.g. `--project unit libs/bus`), on the server source TEST_SERVER_SOURCE names (default auto);
// `--no-checks` skips typecheck and lint.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareContainers } from './test/container-pass.ts';
import { readCounts, type PassCounts } from './test/vitest-report.ts';
import { ensureChromium } from './ensure-chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Step {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

interface Pass {
  readonly name: string;
  readonly vitestArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** Runs a Node script with this Node (the pinned one), output straight to the terminal. */
function run({ name, script, args, env }: Step): boolean {
  process.stdout.write(`\n> ${name}\n`);
  const result = spawnSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.error !== undefined) process.stderr.write(`${name}: ${result.error.message}\n`);
  return result.status === 0;
}

const args = process.argv.slice(2);
const skipChecks = args.includes('--no-checks');
const vitestArgs = args.filter((arg) => arg !== '--no-checks');
const problems: string[] = [];
const summary: string[] = [];
let total: PassCounts = { passed: 0, failed: 0, skipped: 0 };

function runPass(pass: Pass): void {
  const reportFile = join(root, 'test-results', `vitest-${pass.name.replaceAll(' ', '-')}.json`);
  const serversFile = join(root, 'test-results', `servers-${pass.name.replaceAll(' ', '-')}.txt`);
  rmSync(reportFile, { force: true }); // never count a previous run's report
  rmSync(serversFile, { force: true });
  const passed = run({
    name: `vitest run ${pass.vitestArgs.join(' ')} (${pass.name})`,
    script: 'node_modules/vitest/vitest.mjs',
    args: [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
      ...pass.vitestArgs,
    ],
    env: { ...pass.env, TEST_SERVERS_REPORT: serversFile },
  });
  const counts = readCounts(reportFile);
  const sources = existsSync(serversFile) ? readFileSync(serversFile, 'utf8').trim().split('\n') : [];
  if (counts === undefined) {
    problems.push(`${pass.name}: vitest wrote no readable report to ${reportFile}`);
    return;
  }
  if (counts.passed + counts.failed === 0) problems.push(`${pass.name}: no tests ran`);
  if (!passed && counts.failed === 0)
    problems.push(`${pass.name}: vitest failed outside the tests (see above)`);
  summary.push(
    `${pass.name}: ${String(counts.passed)} passed, ${String(counts.failed)} failed (${pass.vitestArgs.join(' ')})`,
    ...[...new Set(sources)].map((line) => `  ${line}`),
  );
  total = {
    passed: total.passed + counts.passed,
    failed: total.failed + counts.failed,
    skipped: total.skipped + counts.skipped,
  };
}

if (!skipChecks) {
  const checks: Step[] = [
    {
      name: 'typecheck: tsc -p tsconfig.json',
      script: 'node_modules/typescript/bin/tsc',
      args: ['-p', 'tsconfig.json'],
    },
    {
      name: 'lint: eslint .',
      script: 'node_modules/eslint/bin/eslint.js',
      args: ['.'],
      // Type-aware lint holds a TypeScript program per tsconfig (every package, the example app): past
      // Node's default heap of about 4 GB.
      env: { NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --max-old-space-size=8192`.trim() },
    },
    { name: 'lint: import cycles', script: 'scripts/check-cycles.ts', args: [] },
  ];
  for (const check of checks) if (!run(check)) problems.push(`${check.name} failed`);
}

const projects = vitestArgs.flatMap((arg, index) => {
  if (arg.startsWith('--project=')) return [arg.slice('--project='.length)];
  return vitestArgs[index - 1] === '--project' ? [arg] : [];
});
// With arguments for vitest, one run as asked; without, both passes.
const wholeSuite = vitestArgs.length === 0;

// Only a run that includes the integration project drives the browser.
if (projects.length === 0 || projects.includes('integration')) {
  const missing = ensureChromium((line) => process.stdout.write(`${line}\n`));
  if (missing !== undefined) {
    process.stderr.write(`${missing}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }
}

if (!wholeSuite) {
  runPass({ name: 'as asked', vitestArgs, env: {} });
} else {
  runPass({
    name: 'local servers',
    vitestArgs: [
      '--project',
      'unit',
      '--project',
      'integration',
      '--project',
      'examples',
      '--project',
      'faults',
    ],
    env: { TEST_SERVER_SOURCE: 'local' },
  });
  process.stdout.write('\n> containers: a Docker engine and the local images\n');
  const engine = await prepareContainers((line) => process.stdout.write(`[docker] ${line}\n`));
  if (!engine.ready) {
    summary.push(`containers: not run here: ${engine.reason}`);
  } else {
    try {
      runPass({
        name: 'containers',
        vitestArgs: ['--project', 'containers', '--project', 'faults', '--project', 'docker'],
        env: engine.env,
      });
    } finally {
      await engine.release();
    }
  }
}

process.stdout.write(`\n${summary.join('\n')}\n`);
for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(
  `${String(total.passed)} passed, ${String(total.failed)} failed${total.skipped > 0 ? `, ${String(total.skipped)} skipped` : ''}\n`,
);
process.exitCode = problems.length > 0 || total.failed > 0 ? 1 : 0;
