// The inputs of an image build, hashed: an image is rebuilt only when this hash differs from the one in
// its label (INPUTS_LABEL), so a warm run builds nothing.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const INPUTS_LABEL = 'org.conveyor.inputs-sha256';

/** Every file under `dir`, as paths relative to `root`, skipping node_modules. */
export async function filesUnder(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !join(entry.parentPath, entry.name).includes('/node_modules/'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

export class InputHash {
  readonly #hash = createHash('sha256');

  add(name: string, content: string | Uint8Array): this {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    this.#hash.update(`${name}\0${String(bytes.length)}\0`);
    this.#hash.update(bytes);
    return this;
  }

  async addFiles(root: string, paths: readonly string[]): Promise<this> {
    for (const path of [...paths].sort()) this.add(path, await readFile(join(root, path)));
    return this;
  }

  digest(): string {
    return this.#hash.digest('hex');
  }
}
