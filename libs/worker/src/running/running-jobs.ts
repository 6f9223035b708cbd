// The jobs this worker runs right now, each with the controller that cancels it: a cancel request
// (NATS, or the cancel mark seen at a progress report) aborts the handler's signal with
// JobCancelledError, which is how the attempt knows to end `cancelled` rather than retry.
import { JobCancelledError } from '@conveyor/jobs';

export class RunningJobs {
  readonly #controllers = new Map<string, AbortController>();

  /** The controller of this attempt; untrack() it when the attempt ends. */
  track(jobId: string): AbortController {
    const controller = new AbortController();
    this.#controllers.set(jobId, controller);
    return controller;
  }

  untrack(jobId: string, controller: AbortController): void {
    if (this.#controllers.get(jobId) === controller) this.#controllers.delete(jobId);
  }

  /** True when this worker was running the job. */
  cancel(jobId: string): boolean {
    const controller = this.#controllers.get(jobId);
    if (controller === undefined) return false;
    if (!controller.signal.aborted) controller.abort(new JobCancelledError(jobId));
    return true;
  }

  get size(): number {
    return this.#controllers.size;
  }
}

export function wasCancelled(controller: AbortController): boolean {
  return controller.signal.aborted && controller.signal.reason instanceof JobCancelledError;
}
