// A live follower of one order, as a browser's EventSource would be: GET /v1/orders/{id}/events, read
// snapshot and progress events until a terminal status; when the stream cannot open (503 while NATS
// is down) or ends early, reconnect after a short pause, until the order is seen to end or time is up.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Stack } from '../../e2e/stack.ts';
import { SseReader } from '../../integration/gateway/sse-client.ts';

export interface FollowOutcome {
  readonly orderId: string;
  /** The last status the stream showed; `completed` for a follower that saw its order through. */
  readonly lastStatus: string | undefined;
  /** Streams opened or attempted; more than one means the follower had to reconnect. */
  readonly connections: number;
  readonly error: string | undefined;
}

const terminal = new Set(['completed', 'compensated', 'failed']);
const withStatus = z.object({ status: z.string() });
const reconnectPauseMs = 500;

export interface Follower {
  /** Resolves once the first stream is open (true), or the follower ended without one (false). */
  readonly opened: Promise<boolean>;
  readonly outcome: Promise<FollowOutcome>;
}

export function followOrder(stack: Stack, orderId: string, timeoutMs: number): Follower {
  let markOpened: (open: boolean) => void = () => undefined;
  const opened = new Promise<boolean>((resolve) => {
    markOpened = resolve;
  });
  const outcome = follow(stack, orderId, timeoutMs, () => markOpened(true)).finally(() => markOpened(false));
  return { opened, outcome };
}

async function follow(
  stack: Stack,
  orderId: string,
  timeoutMs: number,
  onOpen: () => void,
): Promise<FollowOutcome> {
  const deadline = performance.now() + timeoutMs;
  let lastStatus: string | undefined;
  let connections = 0;
  let error: string | undefined;
  while (performance.now() < deadline && (lastStatus === undefined || !terminal.has(lastStatus))) {
    connections += 1;
    try {
      const response = await fetch(`${stack.gatewayUrl}/v1/orders/${orderId}/events`, {
        headers: stack.authHeaders,
        signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))),
      });
      if (response.status !== 200 || response.body === null) {
        error = `HTTP ${String(response.status)}`;
        await response.body?.cancel();
      } else {
        onOpen();
        const reader = new SseReader(response.body);
        for (let event = await reader.next(); event !== undefined; event = await reader.next()) {
          const parsed = withStatus.safeParse(event.data);
          if (parsed.success) lastStatus = parsed.data.status;
        }
      }
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    if (lastStatus === undefined || !terminal.has(lastStatus)) await sleep(reconnectPauseMs);
  }
  return { orderId, lastStatus, connections, error };
}
