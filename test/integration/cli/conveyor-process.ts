// Runs the conveyor CLI as a real process with the pinned Node (the way bin/conveyor.mjs starts it),
// and collects its exit code and output.
import { fileURLToPath } from 'node:url';
import { spawnNode } from '../../support/index.ts';

const cliMain = fileURLToPath(new URL('../../../services/cli/src/main.ts', import.meta.url));

export interface ConveyorRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ConveyorRunOptions {
  env?: Record<string, string>;
  /** Written to its stdin, which is then closed (empty by default). */
  stdin?: string;
}

export interface RunningConveyor {
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
  exited: Promise<ConveyorRun>;
  /** Sends a signal (SIGINT is Ctrl-C). */
  kill(signal: NodeJS.Signals): void;
}

export function startConveyor(args: readonly string[], options: ConveyorRunOptions = {}): RunningConveyor {
  const child = spawnNode([cliMain, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // A CLI that never exits fails its test instead of hanging the run.
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin?.end(options.stdin ?? '');
  const exited = new Promise<ConveyorRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { output: () => ({ stdout, stderr }), exited, kill: (signal) => child.kill(signal) };
}

export function runConveyor(args: readonly string[], options: ConveyorRunOptions = {}): Promise<ConveyorRun> {
  return startConveyor(args, options).exited;
}

/** stdout parsed as the one JSON document a --json command prints. */
export function jsonOutput(run: ConveyorRun): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${String(run.code)}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
