// Every shared name has one owner: an error code, a dead-letter reason or a work queue name spelt as a
// string literal anywhere but its owner's module (in the sources of libs/ and services/, tests aside)
// is a copy that nothing keeps in step. So is the list of terminal order statuses written out again
// (the three on one line; single statuses are typed OrderStatus values, checked by the compiler).
// Each finding is reported as file:line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  errorCatalogues,
  ownedNames,
  repositoryRoot,
  sourceFiles,
  workspacePackages,
  type OwnedNames,
} from './catalogues.ts';

interface SourceLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function sourceLines(): SourceLine[] {
  return workspacePackages().flatMap((pkg) =>
    sourceFiles(pkg.dir).flatMap((file) =>
      readFileSync(join(repositoryRoot, file), 'utf8')
        .split('\n')
        .map((text, index) => ({ file, line: index + 1, text }))
        // Comments may name a code; only code can copy it.
        .filter(({ text }) => !/^\s*(\/\/|\/\*|\*)/.test(text)),
    ),
  );
}

function quoted(literal: string, inLongerStrings = false): RegExp {
  const escaped = literal.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return inLongerStrings
    ? new RegExp(`(['"\`])(?:(?!\\1).)*\\b${escaped}\\b(?:(?!\\1).)*\\1`)
    : new RegExp(`(['"\`])${escaped}\\1`);
}

/**
 * Reasons that are also words of another owner's vocabulary, so a literal may mean that instead:
 * `rejected` is a provider's or a publish's outcome too; `reused-id` and `crash-loop` are also the inbox
 * claim's outcomes (@conveyor/contracts' inbox port), which the delivery pipeline turns into the reasons
 * of the same name.
 */
const sharedWords: ReadonlySet<string> = new Set(['rejected', 'reused-id', 'crash-loop']);

function literalsOutsideOwner(lines: readonly SourceLine[], names: OwnedNames): string[] {
  const patterns = names.literals.map((literal) => ({
    literal,
    pattern: quoted(literal, names.inLongerStrings),
  }));
  return lines.flatMap(({ file, line, text }) =>
    file === names.owner
      ? []
      : patterns
          .filter(({ pattern }) => pattern.test(text))
          .map(({ literal }) => `${file}:${line}: ${names.what} '${literal}' (owner: ${names.owner})`),
  );
}

describe('shared names have one owner', () => {
  const lines = sourceLines();

  it('spells every catalogued error code only in its catalogue', async () => {
    const findings = (await errorCatalogues()).flatMap((catalogue) =>
      literalsOutsideOwner(lines, {
        what: `error code of ${catalogue.name}`,
        literals: [...catalogue.verdicts.keys()],
        owner: catalogue.owner,
      }),
    );
    expect(findings).toEqual([]);
  });

  it('spells dead-letter reasons and work queue names only in their owner', () => {
    const findings = ownedNames()
      .filter((names) => names.what !== 'terminal order status list')
      .map((names) => ({ ...names, literals: names.literals.filter((literal) => !sharedWords.has(literal)) }))
      .flatMap((names) => literalsOutsideOwner(lines, names));
    expect(findings).toEqual([]);
  });

  it('writes the list of terminal order statuses once', () => {
    const terminal = ownedNames().find((names) => names.what === 'terminal order status list');
    if (terminal === undefined) throw new Error('no terminal status list');
    const patterns = terminal.literals.map((literal) => quoted(literal));
    const findings = lines
      .filter(({ file }) => file !== terminal.owner)
      .filter(({ text }) => patterns.every((pattern) => pattern.test(text)))
      .map(
        ({ file, line }) =>
          `${file}:${line}: a copy of the terminal order statuses (owner: ${terminal.owner})`,
      );
    expect(findings).toEqual([]);
  });
});
