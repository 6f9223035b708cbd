// Starts the machine's installed nats-server with JetStream and a private store directory: on 4222
// when nothing serves NATS there, or on a port of its own for a destructive fault test. Detached,
// so that a crashed test run cannot take it down mid-suite.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcquiredServer } from './acquired-server.ts';
import type { StartAbility } from './choose-source.ts';
import { findExecutable } from './find-executable.ts';
import { SERVER_SPECS } from './server-specs.ts';
import { natsAnswers } from './server-probes.ts';
import { stopChildProcess } from './stop-child-process.ts';
import { waitFor } from './wait-for.ts';

export async function natsStartAbility(): Promise<StartAbility> {
  return (await findExecutable('nats-server')) === undefined
    ? { able: false, reason: 'nats-server is not installed to start one' }
    : { able: true };
}

async function logTail(logFile: string): Promise<string> {
  try {
    return (await readFile(logFile, 'utf8')).slice(-2_000);
  } catch (error) {
    return `(no log: ${String(error)})`;
  }
}

export interface StartNatsOptions {
  /** Default 4222, the local default address. */
  readonly port?: number;
  /**
   * The JetStream store to use, kept on stop: a fault test restarts NATS on the same store, as a real
   * restart would. Default: a fresh temporary directory, deleted on stop.
   */
  readonly storeDir?: string;
}

export async function startNats({
  port = 4222,
  storeDir: givenStore,
}: StartNatsOptions = {}): Promise<AcquiredServer> {
  const url = port === 4222 ? SERVER_SPECS.nats.defaultUrl : `nats://127.0.0.1:${String(port)}`;
  const server = await findExecutable('nats-server');
  if (server === undefined) throw new Error('nats-server is not installed');
  const storeDir = givenStore ?? (await mkdtemp(join(tmpdir(), 'conveyor-nats-')));
  const logFile = join(storeDir, 'nats-server.log');
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, '-l', logFile];
  const child = spawn(server, args, { detached: true, stdio: 'ignore' });
  child.unref();
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  const stop = async (): Promise<void> => {
    await stopChildProcess(child);
    if (givenStore === undefined) await rm(storeDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (spawnError !== undefined) throw spawnError;
        if (child.exitCode !== null) {
          throw new Error(
            `nats-server exited with code ${String(child.exitCode)}:\n${await logTail(logFile)}`,
          );
        }
        return natsAnswers(url);
      },
      {
        what: `nats-server (started by the test rig) to answer at ${url}`,
        timeoutMs: 30_000,
        intervalMs: 100,
      },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, how: `started nats-server -js (store ${storeDir})`, stop };
}
