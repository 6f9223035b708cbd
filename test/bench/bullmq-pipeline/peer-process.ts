// Starts one process of the BullMQ peer with the pinned Node, as test/e2e/service-process.ts starts
// Conveyor's services (same young-generation flag, log lines kept for a failure's message), but without
// Conveyor's telemetry preload: the peer exports no traces.
import { fileURLToPath } from 'node:url';
import { startNodeScript, type ServiceProcess } from '../../e2e/service-process.ts';

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
  return startNodeScript(name, script, { ...env, PORT: String(port) }, port, peerNodeFlags);
}
