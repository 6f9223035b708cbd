// Fault tests only (GATEWAY_FAULT_INJECTION=true, off by default): a request may ask the gateway to
// die at a chosen point, so that test/faults can prove what the outbox relay is for. Without the flag
// the header is ignored.
import type { IncomingHttpHeaders } from 'node:http';

export const faultInjectionHeader = 'x-fault-inject';

export type FaultPoint = 'crash-after-order-write';

const killThisProcess = (): void => {
  process.kill(process.pid, 'SIGKILL');
};

/** SIGKILL of this process when fault injection is on and the request asks for a crash at `point`. */
export function crashIfAsked(
  enabled: boolean,
  headers: IncomingHttpHeaders,
  point: FaultPoint,
  crash: () => void = killThisProcess,
): void {
  if (enabled && headers[faultInjectionHeader] === point) crash();
}
