// The statuses after which an order changes no more: its live progress ends there (the gateway's SSE
// stream, the dashboard's page, `conveyor orders watch`).
import type { OrderStatus } from '@conveyor/contracts';

export const terminalOrderStatuses: readonly OrderStatus[] = ['completed', 'compensated', 'failed'];

const terminal: ReadonlySet<string> = new Set(terminalOrderStatuses);

/** Takes any string: a status read from the wire is checked before it is known to be an OrderStatus. */
export function isTerminalOrderStatus(status: string): boolean {
  return terminal.has(status);
}
