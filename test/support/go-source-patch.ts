// A change to one file of a Go module dependency, applied at build time: the module is copied out of the
// module cache (which Go forbids to overlay), patched, and put in place of the original by a `replace`
// in a build-only go.mod (`go build -modfile`). The repository carries only the change. A patch whose
// anchor is not in the file exactly once fails the build, so a dependency upgrade cannot drop it silently.
import { chmod, cp, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.ts';

export interface GoSourcePatch {
  /** The dependency's module path, e.g. `github.com/FerretDB/FerretDB`. */
  readonly module: string;
  /** The file within the module. */
  readonly file: string;
  /** Why: kept in the build key, and in errors. */
  readonly reason: string;
  /** Text that must occur exactly once in the file; `insertBefore` goes right before it. */
  readonly anchor: string;
  readonly insertBefore: string;
}

export function patchedSource(patch: GoSourcePatch, source: string): string {
  const at = source.indexOf(patch.anchor);
  if (at < 0 || source.indexOf(patch.anchor, at + 1) >= 0) {
    throw new Error(
      `the Go patch "${patch.reason}" does not apply: its anchor is not exactly once in ${patch.module}/${patch.file}`,
    );
  }
  return `${source.slice(0, at)}${patch.insertBefore}${source.slice(at)}`;
}

/**
 * Copies each patched module under `workDir`, applies the patches, and writes a go.mod (and go.sum) there
 * that replaces those modules with the copies; returns the `go build` flags that use it.
 */
export async function prepareGoPatches(
  go: string,
  sourceDir: string,
  patches: readonly GoSourcePatch[],
  workDir: string,
): Promise<string[]> {
  await mkdir(workDir, { recursive: true });
  const copies = new Map<string, string>();
  for (const patch of patches) {
    let copy = copies.get(patch.module);
    if (copy === undefined) {
      copy = join(workDir, 'modules', String(copies.size));
      await cp(await goModuleDir(go, sourceDir, patch.module), copy, { recursive: true });
      copies.set(patch.module, copy);
    }
    const file = join(copy, patch.file);
    // Files in the module cache are read-only, and so are their copies.
    await chmod(file, 0o644);
    await writeFile(file, patchedSource(patch, await readFile(file, 'utf8')));
  }
  const replaces = [...copies].map(([module, copy]) => `replace ${module} => ${copy}`).join('\n');
  const goMod = join(workDir, 'go.mod');
  await writeFile(goMod, `${await readFile(join(sourceDir, 'go.mod'), 'utf8')}\n${replaces}\n`);
  await copyFile(join(sourceDir, 'go.sum'), join(workDir, 'go.sum'));
  return [`-modfile=${goMod}`];
}

async function goModuleDir(go: string, sourceDir: string, module: string): Promise<string> {
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  await runCommand(go, ['mod', 'download', module], { cwd: sourceDir, env, timeoutMs: 10 * 60_000 });
  const listed = await runCommand(go, ['list', '-m', '-f', '{{.Dir}}', module], {
    cwd: sourceDir,
    env,
    timeoutMs: 60_000,
  });
  const dir = listed.trim();
  if (dir === '') throw new Error(`go list found no directory for ${module}`);
  return dir;
}
