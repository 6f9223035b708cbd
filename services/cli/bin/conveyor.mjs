#!/usr/bin/env node
// The `conveyor` launcher. Plain JavaScript so that any Node can read it: it re-runs src/main.ts with
// the Node that runs this file (process.execPath, never a second PATH lookup) when that Node runs
// TypeScript by itself (type stripping: 22.18+, 23.6+), and otherwise says how to get one.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const stripsTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

if (!stripsTypes) {
  process.stderr.write(
    `conveyor: this is Node ${process.version} (${process.execPath}), which cannot run the CLI's TypeScript;\n` +
      'it needs Node 22.18 or newer. From the repository, run it with the pinned Node:\n' +
      '  npm exec conveyor -- <command> ...            (npm puts node_modules/.bin first on PATH)\n' +
      '  node_modules/.bin/node services/cli/src/main.ts <command> ...\n',
  );
  process.exit(1);
}

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const child = spawn(process.execPath, [main, ...process.argv.slice(2)], { stdio: 'inherit' });

// The terminal sends Ctrl-C to both processes; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  process.stderr.write(`conveyor: could not start ${main}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal === null ? 1 : 128 + signalNumber(signal));
});

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal] ?? 0;
}
