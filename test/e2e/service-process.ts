// One real service process for end-to-end tests: started with the pinned Node, its log lines kept
// (shown when a test fails), ready when its /readyz answers 200, stopped with SIGTERM.
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serviceNodeFlags, spawnNode, stopChildProcess, waitFor } from '../support/index.ts';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logs: string[];
  healthUrl: string;
  exited: Promise<NodeJS.Signals | number | null>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function startServiceProcess(
  name: string,
  service: string,
  env: Record<string, string>,
  healthPort: number,
): ServiceProcess {
  return startNodeScript(name, `services/${service}/src/main.ts`, env, healthPort);
}

/**
 * Any script run like a service (e.g. a test's own worker built on @conveyor/worker). `nodeFlags` default
 * to the services' own, the telemetry preload included.
 */
export function startNodeScript(
  name: string,
  script: string,
  env: Record<string, string>,
  healthPort: number,
  nodeFlags: readonly string[] = serviceNodeFlags,
): ServiceProcess {
  const child = spawnNode([...nodeFlags, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  // E2E_LOG_DIR=<dir>: every line also goes to <dir>/<name>.log (kept whole, across restarts), for
  // looking into a long run that the last lines in memory do not explain.
  const logDir = process.env.E2E_LOG_DIR;
  const keep = (chunk: Buffer) => {
    if (logDir !== undefined && logDir !== '') appendFileSync(join(logDir, `${name}.log`), chunk);
    logs.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line !== ''),
    );
    if (logs.length > 5_000) logs.splice(0, logs.length - 5_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  return {
    name,
    child,
    logs,
    healthUrl: `http://127.0.0.1:${healthPort}`,
    exited,
    stop: () => stopChildProcess(child),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function waitUntilReady(service: ServiceProcess, timeoutMs = 30_000): Promise<void> {
  let exitedEarly = false;
  void service.exited.then(() => {
    exitedEarly = true;
  });
  await waitFor(
    async () => {
      if (exitedEarly)
        throw new Error(`${service.name} exited before it was ready:\n${service.logs.slice(-30).join('\n')}`);
      const response = await fetch(`${service.healthUrl}/readyz`).catch(() => undefined);
      return response?.status === 200;
    },
    { what: `${service.name} ready`, timeoutMs, intervalMs: 100 },
  );
}
