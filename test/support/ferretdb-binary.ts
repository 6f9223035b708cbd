// Builds test/support/ferretdb with the machine's Go into node_modules/.cache, once per change of
// its sources (go.mod, go.sum, main.go), and reuses the binary while they are unchanged.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartAbility } from './choose-source.ts';
import { findExecutable } from './find-executable.ts';
import { runCommand } from './run-command.ts';

const SOURCE_DIR = fileURLToPath(new URL('./ferretdb/', import.meta.url));
const CACHE_ROOT = fileURLToPath(new URL('../../node_modules/.cache/conveyor-ferretdb/', import.meta.url));
const SOURCE_FILES = ['go.mod', 'go.sum', 'main.go'];
const BINARY_NAME = 'conveyor-ferretdb';
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** sha256 over the named sources, in name order, each framed by its name and length. */
export function ferretdbBuildKey(sources: Readonly<Record<string, Uint8Array>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(sources).sort()) {
    const content = sources[name] ?? new Uint8Array();
    hash.update(`${name}\0${String(content.length)}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

async function currentBinaryPath(): Promise<string> {
  const sources: Record<string, Uint8Array> = {};
  for (const name of SOURCE_FILES) sources[name] = await readFile(join(SOURCE_DIR, name));
  return join(CACHE_ROOT, ferretdbBuildKey(sources), BINARY_NAME);
}

export async function ferretdbStartAbility(): Promise<StartAbility> {
  if (existsSync(await currentBinaryPath())) return { able: true };
  return (await findExecutable('go')) === undefined
    ? { able: false, reason: 'Go is not installed to build the FerretDB test server (test/support/ferretdb)' }
    : { able: true };
}

/** Path of a binary built from the current sources; builds it first when there is none. */
export async function ensureFerretdbBinary(report: (line: string) => void): Promise<string> {
  const binary = await currentBinaryPath();
  if (existsSync(binary)) return binary;
  const go = await findExecutable('go');
  if (go === undefined) throw new Error('Go is not installed to build the FerretDB test server');
  const dir = join(binary, '..');
  await mkdir(dir, { recursive: true });
  report(`building the FerretDB test server (test/support/ferretdb) into ${dir}; once per source change`);
  // Concurrent runs each build to their own file; the rename makes whichever finishes first visible.
  const partial = join(
    dir,
    `${BINARY_NAME}.${String(process.pid)}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    await runCommand(go, ['build', '-buildvcs=false', '-trimpath', '-o', partial, '.'], {
      cwd: SOURCE_DIR,
      env: { ...process.env, CGO_ENABLED: '0' },
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
  }
  await removeStaleBuilds(dir);
  return binary;
}

async function removeStaleBuilds(current: string): Promise<void> {
  for (const entry of await readdir(CACHE_ROOT)) {
    const path = join(CACHE_ROOT, entry);
    if (path !== current) await rm(path, { recursive: true, force: true });
  }
}
