// Starts the FerretDB test server (MongoDB wire protocol) as a child process, on 127.0.0.1:27017
// by default, and waits for the "ready <uri>" line it prints once it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { AcquiredServer } from './acquired-server.ts';
import { chooseFerretdbBackend } from './ferretdb-backend.ts';
import { ensureFerretdbBinary } from './ferretdb-binary.ts';
import { stopChildProcess } from './stop-child-process.ts';

export interface StartFerretdbOptions {
  /** host:port to serve on; default 127.0.0.1:27017, the local default address. */
  readonly listen?: string;
  /** Progress lines, e.g. that a first build is under way. */
  readonly report?: (line: string) => void;
  /** A PostgreSQL database of its own, dropped on stop (see chooseFerretdbBackend). */
  readonly privateDatabase?: string;
  /** A PostgreSQL database to use and keep (see chooseFerretdbBackend). */
  readonly database?: string;
  /** SQLite even when PostgreSQL answers. */
  readonly sqlite?: boolean;
  /** A fixed PostgreSQL connection pool (see chooseFerretdbBackend). */
  readonly fixedPoolSize?: number;
}

export interface StartedFerretdb extends AcquiredServer {
  /** The server process, for fault tests that pause it (SIGSTOP / SIGCONT). */
  readonly pid: number | undefined;
  readonly stop: () => Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STDERR_TAIL_CHARS = 4_000;

export async function startFerretdb(options: StartFerretdbOptions = {}): Promise<StartedFerretdb> {
  const { listen = '127.0.0.1:27017', report = () => undefined } = options;
  const binary = await ensureFerretdbBinary(report);
  const backend = await chooseFerretdbBackend({
    privateDatabase: options.privateDatabase,
    database: options.database,
    sqlite: options.sqlite,
    fixedPoolSize: options.fixedPoolSize,
  });
  const child = spawn(binary, ['-listen', listen, ...backend.args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    await stopChildProcess(child);
    await backend.dispose();
  };
  let url: string;
  try {
    url = await readyUrl(child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, how: `started FerretDB on ${listen} (${backend.how})`, pid: child.pid, stop };
}

function readyUrl(child: ChildProcess): Promise<string> {
  const { stdout, stderr } = child;
  if (stdout === null || stderr === null) throw new Error('conveyor-ferretdb was spawned without pipes');
  let stderrTail = '';
  stderr.setEncoding('utf8');
  // Keep reading both pipes for the server's whole life, so a full pipe never blocks it.
  stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const lines = createInterface({ input: stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(
        new Error(
          `conveyor-ferretdb printed no "ready" line within ${String(READY_TIMEOUT_MS)} ms:\n${stderrTail}`,
        ),
      );
    }, READY_TIMEOUT_MS);
    const settle = (): void => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', fail);
    };
    function fail(error: Error): void {
      settle();
      reject(error);
    }
    function onExit(code: number | null, signal: NodeJS.Signals | null): void {
      fail(
        new Error(`conveyor-ferretdb exited (${String(code ?? signal)}) before it was ready:\n${stderrTail}`),
      );
    }
    child.once('exit', onExit);
    child.once('error', fail);
    lines.on('line', (line) => {
      const match = /^ready (\S+)$/.exec(line);
      if (match?.[1] !== undefined) {
        settle();
        resolve(match[1]);
      }
    });
  });
}
