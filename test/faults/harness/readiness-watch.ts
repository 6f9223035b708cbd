// Samples every process's /readyz while a scenario takes a server away and brings it back: did each
// one say not-ready while the server was down, and ready again after it came back?
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from './fault-stack.ts';

export interface ReadinessSeen {
  readonly name: string;
  readonly notReadyWhileDown: boolean;
  readonly readyAfter: boolean;
}

export interface ReadinessWatch {
  /** The server is going down (`down`) or is back (`up`). */
  mark(phase: 'down' | 'up'): void;
  /** Waits (bounded) until every process answered ready after the last `up`, then reports. */
  stop(): Promise<ReadinessSeen[]>;
}

const sampleEveryMs = 200;
const settleTimeoutMs = 60_000;

export function watchReadiness(faults: FaultStack): ReadinessWatch {
  const state = { phase: 'before' as 'before' | 'down' | 'up', stopping: false, stoppedAt: 0 };
  const names = () => faults.stack.services.map((service) => service.name);
  const notReadyWhileDown = new Set<string>();
  const readyAfter = new Set<string>();
  const allReadyAgain = () => state.phase === 'up' && names().every((name) => readyAfter.has(name));
  const sampling = (async () => {
    while (!(state.stopping && performance.now() > state.stoppedAt + settleTimeoutMs)) {
      const phase = state.phase;
      const notReady = new Set(await faults.notReady());
      for (const name of names()) {
        if (phase === 'down' && notReady.has(name)) notReadyWhileDown.add(name);
        if (phase === 'down') readyAfter.delete(name);
        if (phase === 'up' && !notReady.has(name)) readyAfter.add(name);
      }
      if (state.stopping && allReadyAgain()) return;
      await sleep(sampleEveryMs);
    }
  })();
  return {
    mark(next) {
      state.phase = next;
    },
    async stop() {
      state.stopping = true;
      state.stoppedAt = performance.now();
      await sampling;
      return names().map((name) => ({
        name,
        notReadyWhileDown: notReadyWhileDown.has(name),
        readyAfter: readyAfter.has(name),
      }));
    },
  };
}
