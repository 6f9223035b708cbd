// Six projects: `unit` (beside the code, no servers), `integration` (real servers, resolved once
// per run by test/support/global-setup.ts), `examples` (the apps of examples/ on the packed SDK, against
// the real servers), `faults` (the fault suite, on private servers it starts
// itself; quick by default, full with FAULTS_SCALE=full) and `containers` (the bus, inbox, leadership
// and events suites of `integration` again, for a run on another server source: npm test runs it, and `faults`, with
// TEST_SERVER_SOURCE=containers) and `docker` (the compose stack and the production image, which need a
// Docker engine and the local images; npm test runs it in its container pass). Forks, two workers: the
// machines have two cores.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      // The one workspace package whose exports are its build (dist/, for the npm registry): here it is
      // its sources like every other package, so no test needs a build first. test/examples tests the
      // built package, from its packed tarball.
      '@conveyor/sdk': fileURLToPath(new URL('libs/sdk/src/index.ts', import.meta.url)),
    },
  },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'libs/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'test/support/**/*.test.ts',
            'test/deploy/**/*.test.ts',
            'test/architecture/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/bench/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // examples/ run from the packed SDK against the real servers: packing (with its build) and
          // installing the tarball take most of the set-up.
          name: 'examples',
          include: ['test/examples/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'containers',
          include: [
            'test/integration/bus/**/*.test.ts',
            'test/integration/store/**/*.test.ts',
            'test/integration/leadership/**/*.test.ts',
            'test/integration/events/**/*.test.ts',
          ],
          // It stops and starts a nats-server process of its own on the host.
          exclude: ['test/integration/events/disconnected.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'docker',
          include: ['test/docker/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 360_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
