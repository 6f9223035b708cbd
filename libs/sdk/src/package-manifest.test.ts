// The published manifest: the internal libraries are bundled (so none may be a dependency: the registry
// has none of them), and each third-party package the bundle imports is declared with the range the
// libraries that import it declare, so the SDK runs on what the monorepo is tested with. (The build
// itself fails when the bundle imports an undeclared package: see tsdown.config.ts.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const manifestSchema = z.looseObject({
  name: z.string(),
  private: z.boolean().optional(),
  dependencies: z.record(z.string(), z.string()).default({}),
  devDependencies: z.record(z.string(), z.string()).default({}),
});

type Manifest = z.infer<typeof manifestSchema>;

function manifestAt(url: URL): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

const sdk = manifestAt(new URL('../package.json', import.meta.url));
const isInternal = (name: string) => name.startsWith('@conveyor/');

/** The internal libraries the SDK bundles: its internal devDependencies and theirs, transitively. */
function bundledLibraries(): Map<string, Manifest> {
  const found = new Map<string, Manifest>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    const manifest = manifestAt(new URL(`../../../node_modules/${name}/package.json`, import.meta.url));
    found.set(name, manifest);
    Object.keys(manifest.dependencies).filter(isInternal).forEach(visit);
  };
  Object.keys(sdk.devDependencies).filter(isInternal).forEach(visit);
  return found;
}

describe('the @conveyor/sdk manifest', () => {
  it('is public and depends on no internal package (they are bundled in)', () => {
    expect(sdk.private).toBeUndefined();
    expect(Object.keys(sdk.dependencies).filter(isInternal)).toEqual([]);
  });

  it('declares each third-party package with the range of the bundled libraries that use it', () => {
    const libraries = bundledLibraries();
    const disagreements: string[] = [];
    for (const [dependency, range] of Object.entries(sdk.dependencies)) {
      const users = [...libraries].filter(([, manifest]) => dependency in manifest.dependencies);
      if (users.length === 0) disagreements.push(`${dependency}: no bundled library uses it`);
      for (const [library, manifest] of users)
        if (manifest.dependencies[dependency] !== range)
          disagreements.push(
            `${dependency}: ${range} here, ${String(manifest.dependencies[dependency])} in ${library}`,
          );
    }
    expect(disagreements).toEqual([]);
  });
});
