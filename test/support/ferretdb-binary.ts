// The FerretDB test server (test/support/ferretdb), built with the machine's Go into
// node_modules/.cache once per change of its sources and reused while they are unchanged.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StartAbility } from './choose-source.ts';
import { idLookupPatch } from './ferretdb-id-lookup-patch.ts';
import { findExecutable } from './find-executable.ts';
import { ensureGoBinary, goBinaryPath, type GoProgram } from './go-binary.ts';

const ferretdb: GoProgram = {
  sourceDir: fileURLToPath(new URL('./ferretdb/', import.meta.url)),
  name: 'conveyor-ferretdb',
  buildTimeoutMs: 20 * 60_000,
  patches: [idLookupPatch],
};

export async function ferretdbStartAbility(): Promise<StartAbility> {
  if (existsSync(await goBinaryPath(ferretdb))) return { able: true };
  return (await findExecutable('go')) === undefined
    ? { able: false, reason: 'Go is not installed to build the FerretDB test server (test/support/ferretdb)' }
    : { able: true };
}

/** Path of a binary built from the current sources; builds it first when there is none. */
export function ensureFerretdbBinary(report: (line: string) => void): Promise<string> {
  return ensureGoBinary(ferretdb, report);
}
