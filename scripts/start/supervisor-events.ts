// What the supervisor reports about its processes, and the log line `npm start` prints for each.

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly error?: string;
}

export type SupervisorEvent =
  | { readonly type: 'started'; readonly name: string; readonly pid: number; readonly restarts: number }
  | {
      readonly type: 'crashed';
      readonly name: string;
      readonly exit: ProcessExit;
      readonly uptimeMs: number;
      readonly restartInMs: number;
    }
  | {
      readonly type: 'left-down';
      readonly name: string;
      readonly exit: ProcessExit;
      /** `clean-exit`: it stopped by itself with code 0 (a signal's shutdown), which is not a crash. */
      readonly reason: 'clean-exit' | 'permanent-exit-code';
    };

function describeExit(exit: ProcessExit): string {
  if (exit.error !== undefined) return `could not start: ${exit.error}`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${String(exit.code)}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function describeSupervisorEvent(event: SupervisorEvent): string {
  switch (event.type) {
    case 'started':
      return event.restarts === 0
        ? `[supervisor] ${event.name} started (pid ${event.pid})`
        : `[supervisor] ${event.name} restarted (pid ${event.pid}, restart ${event.restarts})`;
    case 'crashed':
      return (
        `[supervisor] ${event.name} ${describeExit(event.exit)} after ${seconds(event.uptimeMs)}; ` +
        `restarting it in ${seconds(event.restartInMs)}, the other services keep running`
      );
    case 'left-down':
      return event.reason === 'clean-exit'
        ? `[supervisor] ${event.name} stopped by itself (code 0); not restarting it`
        : `[supervisor] ${event.name} ${describeExit(event.exit)}, which a restart cannot cure; not restarting it`;
  }
}
