// Runs one of this folder's processes with the Node that runs the tests and keeps its output, for the
// runtime's tests of how a process ends (exit code, log lines).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface TestProcess {
  child: ChildProcess;
  /** Every line of stdout and stderr so far, in order of arrival. */
  lines: string[];
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Kills what a test left running (a failed test's process may never end by itself). */
export function killTestProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

export function runTestProcess(name: string, env: Record<string, string>): TestProcess {
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line !== ''),
    );
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  running.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  return { child, lines, exited };
}

/** Whether `line` is one JSON object, as every line a service writes must be. */
export function isJsonLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export function parseLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines.filter(isJsonLine).map((line) => JSON.parse(line) as Record<string, unknown>);
}
