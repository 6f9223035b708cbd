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
  deps: {
    alwaysBundle: [/^@conveyor\//],
    onlyBundle: [],
    onlyImport: Object.keys(manifest.dependencies),
  },
});
