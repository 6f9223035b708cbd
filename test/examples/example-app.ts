// The example app as a user gets it: the SDK packed by `npm pack` (its prepack builds it), the app copied
// out of the repository (so no workspace package can be found by walking up), and the tarball installed
// there by npm. Each step reports how long it took, for the test's log.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandOutput {
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ExampleApp {
  /** The app's directory, outside the repository. */
  readonly dir: string;
  readonly tarball: string;
  readonly tarballBytes: number;
  /** How long `npm pack` (with its build) and `npm install` took. */
  readonly timings: { packMs: number; installMs: number };
  /** Runs `node <args>` in the app, as its user would (the pinned Node strips the types of its .ts). */
  node(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CommandOutput>;
  npm(args: readonly string[]): Promise<CommandOutput>;
  remove(): void;
}

/** The Node running the tests first on the PATH: npm scripts (`tsdown`, `tsc`) run with it too. */
const childEnv = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
};

function run(command: string, args: readonly string[], cwd: string, env = childEnv): Promise<CommandOutput> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const ms = Math.round(performance.now() - started);
      if (error === null) resolve({ stdout, stderr, ms });
      else
        reject(
          new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, {
            cause: error,
          }),
        );
    });
  });
}

/** npm's own CLI, run by this Node: under `npm test` the npm that runs us, else the one on the PATH. */
function npmCli(): string {
  const running = process.env.npm_execpath;
  if (running?.endsWith('.js') === true) return running;
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'npm'))
    .find((candidate) => existsSync(candidate));
  if (onPath === undefined) throw new Error('npm is not on the PATH');
  return realpathSync(onPath);
}

function npm(args: readonly string[], cwd: string): Promise<CommandOutput> {
  return run(process.execPath, [npmCli(), ...args], cwd);
}

/** The app's tsconfig maps @conveyor/sdk to the SDK's sources for editing in the repository; a user's has no such line. */
function dropSourceMapping(tsconfigPath: string): void {
  const tsconfig = z
    .looseObject({ compilerOptions: z.looseObject({}) })
    .parse(JSON.parse(readFileSync(tsconfigPath, 'utf8')));
  delete tsconfig.compilerOptions.paths;
  writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2));
}

export async function installExampleApp(name: string): Promise<ExampleApp> {
  const root = mkdtempSync(join(tmpdir(), `conveyor-example-${name}-`));
  try {
    const packed = await npm(
      ['pack', '--pack-destination', root, '--silent'],
      join(repositoryRoot, 'libs/sdk'),
    );
    const tarball = join(root, packed.stdout.trim().split('\n').at(-1) ?? '');
    const dir = join(root, name);
    cpSync(join(repositoryRoot, 'examples', name), dir, {
      recursive: true,
      filter: (source) => !source.split(/[\\/]/).includes('node_modules'),
    });
    dropSourceMapping(join(dir, 'tsconfig.json'));
    const installed = await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir);
    return {
      dir,
      tarball,
      tarballBytes: statSync(tarball).size,
      timings: { packMs: packed.ms, installMs: installed.ms },
      node: (args, env = {}) => run(process.execPath, args, dir, { ...childEnv, ...env }),
      npm: (args) => npm(args, dir),
      remove: () => rmSync(root, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
