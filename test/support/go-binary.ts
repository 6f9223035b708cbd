// Builds a small Go program of this repository with the machine's Go into node_modules/.cache, once per
// change of its sources, and reuses the binary while they are unchanged (the FerretDB test server's
// pattern, for any Go helper: test/deploy/k8s-validate).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from './find-executable.ts';
import { prepareGoPatches, type GoSourcePatch } from './go-source-patch.ts';
import { runCommand } from './run-command.ts';

const CACHE_PARENT = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

export interface GoProgram {
  /** Directory of go.mod. */
  readonly sourceDir: string;
  /** Names the cache directory (`node_modules/.cache/<cacheName>/<key>/`) and the binary. */
  readonly name: string;
  readonly buildTimeoutMs?: number;
  /** The main package to build, when not the program's own directory (a wrapper module's dependency). */
  readonly package?: string;
  /** Packages compiled at once (`go build -p`); 1 leaves a core to tests running beside the build. */
  readonly parallelism?: number;
  /** Changes to dependencies' files, applied to copies of those modules (go-source-patch.ts). */
  readonly patches?: readonly GoSourcePatch[];
}

/** sha256 over the named sources, in name order, each framed by its name and length. */
export function goBuildKey(sources: Readonly<Record<string, Uint8Array>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(sources).sort()) {
    const content = sources[name] ?? new Uint8Array();
    hash.update(`${name}\0${String(content.length)}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** go.mod, go.sum and every .go file at the top of the program's directory. */
async function programSources(sourceDir: string): Promise<Record<string, Uint8Array>> {
  const names = (await readdir(sourceDir)).filter(
    (name) => name === 'go.mod' || name === 'go.sum' || name.endsWith('.go'),
  );
  const sources: Record<string, Uint8Array> = {};
  for (const name of names) sources[name] = await readFile(join(sourceDir, name));
  return sources;
}

/** Where the binary built from the program's current sources is (or will be). */
export async function goBinaryPath(program: GoProgram): Promise<string> {
  const sources = await programSources(program.sourceDir);
  // A patch is part of what is built: a changed patch is a new binary.
  if (program.patches !== undefined && program.patches.length > 0)
    sources['(patches)'] = new TextEncoder().encode(JSON.stringify(program.patches));
  const key = goBuildKey(sources);
  return join(CACHE_PARENT, program.name, key, program.name);
}

/** Path of a binary built from the program's current sources; builds it first when there is none. */
export async function ensureGoBinary(program: GoProgram, report: (line: string) => void): Promise<string> {
  const binary = await goBinaryPath(program);
  if (existsSync(binary)) return binary;
  const dir = join(binary, '..');
  const cacheRoot = join(dir, '..');
  const go = await findExecutable('go');
  if (go === undefined) throw new Error(`Go is not installed to build ${program.sourceDir}`);
  await mkdir(dir, { recursive: true });
  report(`building ${program.name} (${program.sourceDir}) into ${dir}; once per source change`);
  // Concurrent runs each build to their own file; the rename makes whichever finishes first visible.
  const partial = join(
    dir,
    `${program.name}.${String(process.pid)}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    const parallelism = program.parallelism === undefined ? [] : ['-p', String(program.parallelism)];
    const patched =
      program.patches === undefined || program.patches.length === 0
        ? []
        : await prepareGoPatches(go, program.sourceDir, program.patches, `${partial}.patched`);
    await runCommand(
      go,
      [
        'build',
        ...parallelism,
        ...patched,
        '-buildvcs=false',
        '-trimpath',
        '-o',
        partial,
        program.package ?? '.',
      ],
      {
        cwd: program.sourceDir,
        // -mod=mod: go.sum may lack a hash only `go build` itself would need on a fresh module cache.
        env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
        timeoutMs: program.buildTimeoutMs ?? 10 * 60_000,
      },
    );
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
    await rm(`${partial}.patched`, { recursive: true, force: true });
  }
  for (const entry of await readdir(cacheRoot)) {
    if (join(cacheRoot, entry) !== dir) await rm(join(cacheRoot, entry), { recursive: true, force: true });
  }
  return binary;
}
