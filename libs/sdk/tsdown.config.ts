// Builds dist/index.js and one bundled dist/index.d.ts. The internal @conveyor/* libraries are private
// and ship raw .ts (Node does not strip types under node_modules), so they are bundled in; third-party
// packages stay imports, each one a `dependencies` entry of this package: the build fails when the
// output would import a package not listed there, or bundle one from node_modules.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';
import { z } from 'zod';

const manifest = z
  .object({ dependencies: z.record(z.string(), z.string()).default({}) })
  .parse(JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')));

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  fixedExtension: false,
  platform: 'node',
  target: 'node22.18',
  dts: { tsconfig: 'tsconfig.build.json' },
  sourcemap: false,
  // The declaration build takes most of the time by nature; rolldown's report of it is noise in npm pack.
  checks: { bundlerTimings: false },
  // A third-party package imported only by code the bundle drops (the telemetry start-up, which a
  // worker does not run) is not imported for its side effects: the user installs fewer packages.
  treeshake: { moduleSideEffects: 'no-external' },
  deps: {
    // Every third-party import stays an import; the checks below keep the list in package.json exact.
    neverBundle: true,
    alwaysBundle: [/^@conveyor\//],
    onlyBundle: [],
    onlyImport: Object.keys(manifest.dependencies),
  },
});
