// Keeps `npm start`'s service processes running: one that crashes is started again after a backoff
// (restart-backoff.ts) while the others keep serving; stop() ends them all and restarts nothing more.
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { spawnNode, stopChildProcess } from '@conveyor/test/support';
import { defaultRestartBackoff, RestartBackoff, type RestartBackoffOptions } from './restart-backoff.ts';
import type { ProcessExit, SupervisorEvent } from './supervisor-events.ts';

export interface SupervisedProcess {
  readonly name: string;
  /** Node's arguments: flags, then the script and its arguments (run with this process's Node). */
  readonly nodeArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  readonly onEvent: (event: SupervisorEvent) => void;
  readonly backoff?: RestartBackoffOptions;
  /** Default: no stdin, the process's output on ours. */
  readonly stdio?: StdioOptions;
  /** Exit codes a restart cannot cure (a service exits 78 on a wrong environment variable). */
  readonly permanentExitCodes?: readonly number[];
  /** How long stop() lets each process shut down before it is killed. */
  readonly stopGraceMs?: number;
}

interface Supervised {
  readonly spec: SupervisedProcess;
  readonly backoff: RestartBackoff;
  restarts: number;
  child: ChildProcess | undefined;
  restartTimer: NodeJS.Timeout | undefined;
}

export class Supervisor {
  readonly #options: SupervisorOptions;
  readonly #processes = new Map<string, Supervised>();
  #stopping = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  start(spec: SupervisedProcess): void {
    if (this.#stopping) throw new Error(`cannot start ${spec.name}: the supervisor is stopping`);
    if (this.#processes.has(spec.name)) throw new Error(`${spec.name} is supervised already`);
    const supervised: Supervised = {
      spec,
      backoff: new RestartBackoff(this.#options.backoff ?? defaultRestartBackoff),
      restarts: 0,
      child: undefined,
      restartTimer: undefined,
    };
    this.#processes.set(spec.name, supervised);
    this.#run(supervised);
  }

  /** The pid of the process running under that name now; undefined while it is down. */
  pid(name: string): number | undefined {
    return this.#processes.get(name)?.child?.pid;
  }

  /** Cancels pending restarts and stops every process (SIGTERM, SIGKILL after the grace period). */
  async stop(): Promise<void> {
    this.#stopping = true;
    const running: ChildProcess[] = [];
    for (const supervised of this.#processes.values()) {
      clearTimeout(supervised.restartTimer);
      supervised.restartTimer = undefined;
      if (supervised.child !== undefined) running.push(supervised.child);
    }
    await Promise.all(running.map((child) => stopChildProcess(child, this.#options.stopGraceMs)));
  }

  #run(supervised: Supervised): void {
    const { spec } = supervised;
    const startedAt = performance.now();
    const child = spawnNode(spec.nodeArgs, {
      env: spec.env,
      stdio: this.#options.stdio ?? ['ignore', 'inherit', 'inherit'],
    });
    supervised.child = child;
    let ended = false;
    const end = (exit: ProcessExit) => {
      if (ended) return;
      ended = true;
      if (supervised.child === child) supervised.child = undefined;
      this.#afterExit(supervised, exit, performance.now() - startedAt);
    };
    child.once('spawn', () => {
      this.#options.onEvent({
        type: 'started',
        name: spec.name,
        pid: child.pid ?? 0,
        restarts: supervised.restarts,
      });
    });
    child.once('exit', (code, signal) => {
      end({ code, signal });
    });
    // A process that never started reports only an error; one that did also reports its exit.
    child.once('error', (error) => {
      if (child.pid === undefined) end({ code: null, signal: null, error: error.message });
    });
  }

  #afterExit(supervised: Supervised, exit: ProcessExit, uptimeMs: number): void {
    if (this.#stopping) return;
    const { name } = supervised.spec;
    if (exit.code === 0) {
      this.#options.onEvent({ type: 'left-down', name, exit, reason: 'clean-exit' });
      return;
    }
    if (exit.code !== null && (this.#options.permanentExitCodes ?? []).includes(exit.code)) {
      this.#options.onEvent({ type: 'left-down', name, exit, reason: 'permanent-exit-code' });
      return;
    }
    const restartInMs = supervised.backoff.delayAfter(uptimeMs);
    this.#options.onEvent({ type: 'crashed', name, exit, uptimeMs, restartInMs });
    supervised.restartTimer = setTimeout(() => {
      supervised.restartTimer = undefined;
      if (this.#stopping) return;
      supervised.restarts += 1;
      this.#run(supervised);
    }, restartInMs);
  }
}
