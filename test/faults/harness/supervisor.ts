// Restarts any process of the stack that exits, as an orchestrator would (Kubernetes, systemd): the
// fault scenarios kill processes, and a CRASH- order kills the worker that takes it.
import type { Stack } from '../../e2e/stack.ts';
import type { ServiceProcess } from '../../e2e/service-process.ts';

export interface Restart {
  name: string;
  /** How the process ended: a signal name or an exit code. */
  ended: string;
  at: number;
}

export interface Supervisor {
  /** Every restart so far, oldest first. */
  readonly restarts: readonly Restart[];
  /** Stops restarting (before the stack is stopped). */
  stop(): void;
}

const restartDelayMs = 250;

export function superviseStack(stack: Stack): Supervisor {
  const restarts: Restart[] = [];
  const state = { stopped: false };
  const stopped = () => state.stopped;
  const watch = (service: ServiceProcess): void => {
    void service.exited.then(async (ended) => {
      if (stopped()) return;
      await new Promise((resolve) => setTimeout(resolve, restartDelayMs));
      if (stopped()) return;
      restarts.push({ name: service.name, ended: String(ended), at: Date.now() });
      watch(stack.restart(service));
    });
  };
  for (const service of stack.services) watch(service);
  return {
    restarts,
    stop() {
      state.stopped = true;
    },
  };
}
