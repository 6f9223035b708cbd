// Locates a server binary on PATH, plus the sbin and Go directories a non-login PATH may lack.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/go/bin'];

export async function findExecutable(
  name: string,
  path = process.env.PATH ?? '',
): Promise<string | undefined> {
  const dirs = [...path.split(delimiter).filter((dir) => dir !== ''), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory; keep looking
    }
  }
  return undefined;
}
