// The statuses after which an order changes no more (the gateway's SSE stream ends there too).
export const terminalStatuses: ReadonlySet<string> = new Set(['completed', 'compensated', 'failed']);
