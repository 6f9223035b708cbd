// Finds every owner catalogue of the workspace: each package's exported error-code catalogues (made
// with defineErrorCodes, named `…ErrorCode`), and the shared names @conveyor/contracts and
// @conveyor/orders own (dead-letter reasons, work queues, terminal order statuses). Each catalogue
// names the one module allowed to spell its literals.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadLetterReasons, errorCodeVerdicts, workQueues, type ErrorVerdict } from '@conveyor/contracts';
import { terminalOrderStatuses } from '@conveyor/orders';
import { z } from 'zod';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkspacePackage {
  readonly name: string;
  /** Repository-relative, e.g. `libs/orders`. */
  readonly dir: string;
}

export interface ErrorCatalogue {
  /** `@conveyor/orders` › `OrdersErrorCode`. */
  readonly name: string;
  readonly verdicts: ReadonlyMap<string, ErrorVerdict>;
  /** How many names the catalogue exports (each must have a verdict). */
  readonly size: number;
  /** Repository-relative file that defines it. */
  readonly owner: string;
}

export interface OwnedNames {
  readonly what: string;
  /** Also found inside a longer string (a comma-separated default list), not only as a whole literal. */
  readonly inLongerStrings?: boolean;
  readonly literals: readonly string[];
  /** Repository-relative file allowed to spell them. */
  readonly owner: string;
}

const packageJson = z.looseObject({ name: z.string(), exports: z.unknown().optional() });

export function workspacePackages(): WorkspacePackage[] {
  return ['libs', 'services'].flatMap((floor) =>
    readdirSync(join(repositoryRoot, floor)).flatMap((name) => {
      const dir = `${floor}/${name}`;
      let manifest: z.infer<typeof packageJson>;
      try {
        manifest = packageJson.parse(
          JSON.parse(readFileSync(join(repositoryRoot, dir, 'package.json'), 'utf8')),
        );
      } catch {
        return [];
      }
      return manifest.exports === undefined ? [] : [{ name: manifest.name, dir }];
    }),
  );
}

/** Non-test TypeScript sources of a package (or of every package). */
export function sourceFiles(dir: string): string[] {
  const walk = (path: string): string[] =>
    readdirSync(join(repositoryRoot, path), { withFileTypes: true }).flatMap((entry) => {
      const child = `${path}/${entry.name}`;
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(child);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [child] : [];
    });
  return walk(`${dir}/src`);
}

function definingFile(pkg: WorkspacePackage, exportName: string): string {
  const declaration = new RegExp(`export const ${exportName}\\b[^=]*=\\s*defineErrorCodes\\(`);
  const file = sourceFiles(pkg.dir).find((path) =>
    declaration.test(readFileSync(join(repositoryRoot, path), 'utf8')),
  );
  if (file === undefined) throw new Error(`${pkg.name}: no file defines ${exportName} with defineErrorCodes`);
  return file;
}

export async function errorCatalogues(): Promise<ErrorCatalogue[]> {
  const catalogues: ErrorCatalogue[] = [];
  for (const pkg of workspacePackages()) {
    const exports = (await import(pkg.name)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(exports)) {
      if (!exportName.endsWith('ErrorCode') || typeof value !== 'object' || value === null) continue;
      catalogues.push({
        name: `${pkg.name} › ${exportName}`,
        verdicts: errorCodeVerdicts(value),
        size: Object.keys(value).length,
        owner: definingFile(pkg, exportName),
      });
    }
  }
  return catalogues;
}

export function ownedNames(): OwnedNames[] {
  return [
    {
      what: 'dead-letter reason',
      literals: deadLetterReasons,
      owner: 'libs/contracts/src/dead-letter-reasons.ts',
    },
    {
      what: 'work queue name',
      literals: workQueues,
      owner: 'libs/contracts/src/work-queues.ts',
      inLongerStrings: true,
    },
    {
      what: 'terminal order status list',
      literals: terminalOrderStatuses,
      owner: 'libs/orders/src/terminal-order-statuses.ts',
    },
  ];
}

export function relativeToRoot(path: string): string {
  return relative(repositoryRoot, path);
}
