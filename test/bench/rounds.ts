// Runs the planned scenarios for several rounds, interleaved: every round runs each scenario once,
// starting one scenario later than the previous round, so no scenario always runs first or after
// the same neighbour. A failed or timed-out run is recorded and the suite goes on.
import type { Metrics, PlannedScenario, ScenarioId } from './scenario-plan.ts';

export interface ScenarioRun {
  round: number;
  id: ScenarioId;
  seconds: number;
  metrics: Metrics | undefined;
  error: string | undefined;
}

export async function runRounds(
  plan: readonly PlannedScenario[],
  rounds: number,
  log: (run: ScenarioRun, title: string) => void,
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const offset = (round - 1) % Math.max(1, plan.length);
    for (const scenario of [...plan.slice(offset), ...plan.slice(0, offset)]) {
      const startedAt = performance.now();
      let metrics: Metrics | undefined;
      let error: string | undefined;
      try {
        metrics = await scenario.run();
      } catch (failure) {
        error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
      }
      const run = { round, id: scenario.id, seconds: (performance.now() - startedAt) / 1000, metrics, error };
      runs.push(run);
      log(run, scenario.title);
    }
  }
  return runs;
}
