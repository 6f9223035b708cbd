// Architecture check run by `npm run lint`: no dependency cycle between workspace packages (from
// package.json and from actual imports), no runtime import cycle between files inside a package,
// and no relative import that leaves its package (the only door into a package is its name).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The repository root, or another tree given as the first argument (for trying the check out).
const root =
  process.argv[2] === undefined ? fileURLToPath(new URL('..', import.meta.url)) : resolve(process.argv[2]);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.turbo', 'test-results']);
const SCOPE = '@conveyor/';

interface Workspace {
  readonly name: string;
  readonly dir: string;
  readonly declared: readonly string[];
}

interface ImportEdge {
  readonly specifier: string;
  readonly line: number;
}

type Graph = ReadonlyMap<string, ReadonlySet<string>>;

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function stringKeys(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

function workspaces(): Workspace[] {
  const patterns = readJson(join(root, 'package.json')).workspaces;
  if (!Array.isArray(patterns)) throw new Error('package.json has no "workspaces" array');
  const dirs = patterns.flatMap((pattern) => {
    const text = String(pattern);
    if (!text.endsWith('/*')) return [join(root, text)];
    const parent = join(root, text.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((entry) => join(parent, entry)) : [];
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = readJson(join(dir, 'package.json'));
      const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']
        .flatMap((field) => stringKeys(manifest[field]))
        .filter((dep) => dep.startsWith(SCOPE));
      return { name: String(manifest.name), dir, declared };
    });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(entry) ? [] : sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers a file loads at run time (`import type` / `export type` are erased). */
function runtimeImports(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined): void => {
    if (specifier !== undefined && ts.isStringLiteralLike(specifier)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      edges.push({ specifier: specifier.text, line });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (node.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword) add(node, node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly) add(node, node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function packageOf(specifier: string): string | undefined {
  if (!specifier.startsWith(SCOPE)) return undefined;
  return specifier.split('/').slice(0, 2).join('/');
}

/** The cycles a DFS meets (at least one in every tangle), each once, starting at its smallest node. */
function findCycles(graph: Graph): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0] ?? next);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join('\0'), rotated);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles.values()];
}

function addEdge(graph: Map<string, Set<string>>, from: string, to: string): void {
  const targets = graph.get(from) ?? new Set<string>();
  targets.add(to);
  graph.set(from, targets);
}

const problems: string[] = [];
const packageGraph = new Map<string, Set<string>>();
const all = workspaces();
const names = new Set(all.map((workspace) => workspace.name));

for (const workspace of all) {
  packageGraph.set(workspace.name, new Set());
  for (const dep of workspace.declared) addEdge(packageGraph, workspace.name, dep);

  const fileGraph = new Map<string, Set<string>>();
  for (const file of sourceFiles(workspace.dir)) {
    fileGraph.set(file, fileGraph.get(file) ?? new Set());
    for (const { specifier, line } of runtimeImports(file)) {
      const where = `${relative(root, file)}:${String(line)}`;
      const imported = packageOf(specifier);
      if (imported !== undefined && imported !== workspace.name && names.has(imported)) {
        addEdge(packageGraph, workspace.name, imported);
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target === undefined) continue; // tsc reports unresolved imports
      if (!target.startsWith(workspace.dir + sep)) {
        problems.push(
          `${where}: '${specifier}' reaches outside ${workspace.name}; import the package by name`,
        );
        continue;
      }
      addEdge(fileGraph, file, target);
    }
  }
  for (const cycle of findCycles(fileGraph)) {
    const path = [...cycle, cycle[0] ?? ''].map((file) => relative(root, file));
    problems.push(`import cycle in ${workspace.name}: ${path.join(' -> ')}`);
  }
}

for (const cycle of findCycles(packageGraph)) {
  problems.push(`package cycle: ${[...cycle, cycle[0] ?? ''].join(' -> ')}`);
}

if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`no import cycles in ${String(all.length)} packages\n`);
}
