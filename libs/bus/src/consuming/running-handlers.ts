// The handlers of one consumer host that are running right now, so that a stop whose budget ran out
// can abort every one of them at once (each with the same reason) and start no more.
import type { HandlerStopTimeoutError } from '../errors/handler-stop-timeout-error.ts';

/** Ends one running handler: aborts its signal and fails its run with `reason`. */
export type AbortHandler = (reason: Error) => void;

export class RunningHandlers {
  readonly #aborts = new Set<AbortHandler>();
  #abortedWith: HandlerStopTimeoutError | undefined;

  /** Set once `abortAll` ran: a handler about to start must not (its delivery is handed back). */
  get abortedWith(): HandlerStopTimeoutError | undefined {
    return this.#abortedWith;
  }

  /** Registers a running handler; returns what to call once it settled. */
  add(abort: AbortHandler): () => void {
    this.#aborts.add(abort);
    return () => this.#aborts.delete(abort);
  }

  /** Aborts every running handler with `reason`; returns how many were running. */
  abortAll(reason: HandlerStopTimeoutError): number {
    this.#abortedWith ??= reason;
    const running = [...this.#aborts];
    this.#aborts.clear();
    for (const abort of running) abort(reason);
    return running.length;
  }
}
