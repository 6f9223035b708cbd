// Runs before `npm test` / `npm start`, possibly under the system Node (plain JS, Node 20 safe):
// installs dependencies when node_modules is missing or older than package-lock.json, then checks
// that the pinned Node 24 (npm package `node`) is what node_modules/.bin/node runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { completeLockfile } from './complete-lockfile.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'package-lock.json');
const nodeModules = join(root, 'node_modules');
const installedLock = join(nodeModules, '.package-lock.json');
const pinnedNode = join(nodeModules, '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
const REQUIRED_MAJOR = 24;

function fail(message) {
  process.stderr.write(`ensure-install: ${message}\n`);
  process.exit(1);
}

function mtimeMs(path) {
  return statSync(path).mtimeMs;
}

/** Why an install is needed, or undefined when node_modules is current. */
function installReason() {
  if (!existsSync(nodeModules)) return 'node_modules is missing';
  if (!existsSync(lockfile)) {
    const manifest = join(root, 'package.json');
    if (!existsSync(installedLock) || mtimeMs(manifest) > mtimeMs(installedLock)) {
      return 'package.json changed since the last install';
    }
    return undefined;
  }
  if (!existsSync(installedLock)) return 'node_modules was not installed by npm from the lockfile';
  if (mtimeMs(lockfile) > mtimeMs(installedLock)) return 'package-lock.json changed since the last install';
  return undefined;
}

function runNpm(args) {
  // Under `npm run`, npm_execpath is npm's own CLI: use it rather than whatever `npm` PATH finds.
  const npmCli = process.env.npm_execpath;
  const [command, commandArgs] =
    npmCli !== undefined && npmCli.endsWith('.js') ? [process.execPath, [npmCli, ...args]] : ['npm', args];
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (result.error !== undefined) fail(`could not run npm ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0)
    fail(`npm ${args.join(' ')} failed (exit ${String(result.status ?? result.signal)})`);
}

/** The Node the project pins (devDependency "node"), e.g. "24.11.1". */
function pinnedNodeVersion() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return manifest.devDependencies?.node;
}

/** True when this Node is older than `engines` needs (type stripping by default: 22.18). */
function systemNodeTooOld() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < 22 || (major === 22 && minor < 18);
}

const reason = installReason();
if (reason !== undefined) {
  if (existsSync(lockfile)) completeLockfile(lockfile);
  const args = existsSync(lockfile) ? ['ci'] : ['install'];
  const pinned = pinnedNodeVersion();
  // Under an older system Node, npm would warn (EBADENGINE) for every package that needs a newer one:
  // run the install itself under the pinned Node, fetched once from the npm registry into npm's cache.
  const underPinned = systemNodeTooOld() && pinned !== undefined;
  const command = underPinned ? ['exec', '--yes', `--package=node@${pinned}`, '--', 'npm', ...args] : args;
  process.stderr.write(
    `ensure-install: ${reason}; running npm ${args.join(' ')}` +
      (underPinned ? ` under Node ${pinned} (this Node, ${process.versions.node}, is too old)` : '') +
      '\n',
  );
  runNpm(command);
}

if (!existsSync(pinnedNode)) {
  fail(
    `${pinnedNode} is missing: the pinned Node ${REQUIRED_MAJOR} (devDependency "node") did not install; run npm ci`,
  );
}
const probe = spawnSync(pinnedNode, ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
const version = probe.status === 0 ? probe.stdout.trim() : undefined;
if (version === undefined || !version.startsWith(`v${REQUIRED_MAJOR}.`)) {
  fail(
    `node_modules/.bin/node reports ${version ?? `an error (${(probe.stderr ?? String(probe.error)).trim()})`}, ` +
      `expected v${REQUIRED_MAJOR}.x (devDependency "node"). Its install script may have been skipped ` +
      '(ignore-scripts?); run npm ci with scripts enabled.',
  );
}
