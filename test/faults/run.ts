// `npm run test:faults`: the full fault suite (FAULTS_SCALE=full) through vitest, writing
// test/faults/RESULTS.md from the run. Exits non-zero when any scenario lost or duplicated anything.
// It starts its own private RabbitMQ node, NATS and FerretDB; only PostgreSQL (for FerretDB) and the
// installed rabbitmq-server / nats-server / Go toolchain are needed. About 30 minutes on two cores.
// `npm run test:faults -- --only=<scenario>` runs one scenario (e.g. database-outage) at full size and
// prints its row without touching RESULTS.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = fileURLToPath(new URL('RESULTS.md', import.meta.url));
const args = process.argv.slice(2);
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const outcome = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--project',
    'faults',
    ...args.filter((arg) => !arg.startsWith('--only=')),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FAULTS_SCALE: 'full',
      ...(only === undefined ? { FAULTS_RESULTS: results } : { FAULTS_ONLY: only, FAULTS_RESULTS: '' }),
    },
  },
);
if (outcome.error !== undefined) process.stderr.write(`test:faults: ${outcome.error.message}\n`);
process.exitCode = outcome.status ?? 1;
