// conveyor: the command line's process. Everything it touches of the process is here: arguments,
// streams, environment, signals and the exit code (bin/conveyor.mjs starts this file on a Node that
// runs TypeScript).
import { runCli } from './run-cli.ts';

const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while a command is closing does not wait for it.
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  interrupted: interrupt.signal,
});
