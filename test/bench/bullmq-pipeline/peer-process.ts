// Starts one process of the BullMQ peer with the pinned Node, as test/e2e/service-process.ts starts
// Conveyor's services (same young-generation flag, log lines kept for a failure's message), but without
// Conveyor's telemetry preload: the peer exports no traces.
import { fileURLToPath } from 'node:url';
import { spawnNode, stopChildProcess } from '../../support/index.ts';
import type { ServiceProcess } from '../../e2e/service-process.ts';

/** The flags of serviceNodeFlags but the OpenTelemetry preload. */
const peerNodeFlags = ['--max-semi-space-size=4'];

export type PeerRole = 'gateway' | 'worker' | 'notifier';

export function startPeerProcess(
  name: string,
  role: PeerRole,
  env: Record<string, string>,
  port: number,
): ServiceProcess {
  const script = fileURLToPath(new URL(`./${role}-main.ts`, import.meta.url));
  const child = spawnNode([...peerNodeFlags, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const keep = (chunk: Buffer) => {
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
    healthUrl: `http://127.0.0.1:${port}`,
    exited,
    stop: () => stopChildProcess(child),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
