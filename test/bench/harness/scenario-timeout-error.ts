// A scenario that did not finish within its bound; the round records it and the run goes on.
export class ScenarioTimeoutError extends Error {
  readonly code = 'BENCH_SCENARIO_TIMEOUT';

  constructor(what: string, timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}`);
    this.name = 'ScenarioTimeoutError';
  }
}
