// Runs a helper command to completion and returns its stdout; failures carry the command's stderr.
import { execFile } from 'node:child_process';
import { CommandFailedError } from './command-failed-error.ts';

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

export function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<string> {
  const { cwd, env, timeoutMs = 60_000 } = options;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
        } else {
          reject(
            new CommandFailedError([file, ...args].join(' '), stderr || error.message, { cause: error }),
          );
        }
      },
    );
  });
}
