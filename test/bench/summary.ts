// Figures across rounds (median, min–max per metric) and the ratios the suite is for. Ratios are
// ratios of medians; a figure that no round produced is NaN here and null in the JSON line.
import type { ScenarioRun } from './rounds.ts';
import type { ScenarioId } from './scenario-plan.ts';
import { acrossRounds, ratio, type AcrossRounds } from './stats.ts';

export type ScenarioSummary = Record<string, AcrossRounds>;

export interface BenchSummary {
  scenarios: Partial<Record<ScenarioId, ScenarioSummary>>;
  failures: { round: number; id: ScenarioId; error: string }[];
  ratios: Record<string, number>;
}

export function summarize(runs: readonly ScenarioRun[]): BenchSummary {
  const scenarios: Partial<Record<ScenarioId, ScenarioSummary>> = {};
  const ids = [...new Set(runs.map((run) => run.id))];
  for (const id of ids) {
    const ofScenario = runs.filter((run) => run.id === id);
    const names = [...new Set(ofScenario.flatMap((run) => Object.keys(run.metrics ?? {})))];
    scenarios[id] = Object.fromEntries(
      names.map((name) => [name, acrossRounds(ofScenario.map((run) => run.metrics?.[name] ?? Number.NaN))]),
    );
  }
  const failures = runs.flatMap((run) =>
    run.error === undefined ? [] : [{ round: run.round, id: run.id, error: run.error }],
  );
  return { scenarios, failures, ratios: ratios(scenarios) };
}

function ratios(scenarios: BenchSummary['scenarios']): Record<string, number> {
  const figure = (id: ScenarioId, name: string) => scenarios[id]?.[name]?.median ?? Number.NaN;
  const highest = (id: ScenarioId, name: string) => scenarios[id]?.[name]?.max ?? Number.NaN;
  const raw = figure('raw-throughput', 'perSecond');
  const host = figure('conveyor-throughput', 'perSecond');
  const inbox = figure('conveyor-inbox-throughput', 'perSecond');
  const inboxSqlite = figure('conveyor-inbox-sqlite-throughput', 'perSecond');
  const bullmq = figure('bullmq-throughput', 'perSecond');
  return {
    conveyor_vs_raw: ratio(host, raw),
    conveyor_inbox_vs_raw: ratio(inbox, raw),
    conveyor_inbox_vs_conveyor: ratio(inbox, host),
    conveyor_vs_bullmq: ratio(host, bullmq),
    conveyor_inbox_vs_bullmq: ratio(inbox, bullmq),
    conveyor_inbox_sqlite_vs_bullmq: ratio(inboxSqlite, bullmq),
    raw_msg_per_s: raw,
    conveyor_msg_per_s: host,
    conveyor_inbox_msg_per_s: inbox,
    conveyor_inbox_sqlite_msg_per_s: inboxSqlite,
    bullmq_jobs_per_s: bullmq,
    paced_p50_vs_raw: ratio(figure('conveyor-paced', 'p50Ms'), figure('raw-paced', 'p50Ms')),
    paced_p99_vs_raw: ratio(figure('conveyor-paced', 'p99Ms'), figure('raw-paced', 'p99Ms')),
    paced_raw_p99_ms: figure('raw-paced', 'p99Ms'),
    paced_conveyor_p99_ms: figure('conveyor-paced', 'p99Ms'),
    cpu_us_per_msg_raw: figure('raw-throughput', 'cpu:bench'),
    cpu_us_per_msg_conveyor: figure('conveyor-throughput', 'cpu:bench'),
    priority_p50_ms: figure('priority-probe', 'p50Ms'),
    priority_p99_ms: figure('priority-probe', 'p99Ms'),
    priority_fifo_estimate_ms: figure('priority-probe', 'fifoWaitEstimateMs'),
    orders_per_s: figure('order-pipeline', 'ordersPerSecond'),
    order_p50_ms: figure('order-pipeline', 'p50Ms'),
    order_p99_ms: figure('order-pipeline', 'p99Ms'),
    max_worker_rss_mb: highest('order-pipeline', 'maxWorkerRssMb'),
    max_service_rss_mb: highest('order-pipeline', 'maxServiceRssMb'),
    ...pipelineRatios(figure),
  };
}

/** Conveyor's order pipeline against its BullMQ peer, measured in the same rounds. */
function pipelineRatios(figure: (id: ScenarioId, name: string) => number): Record<string, number> {
  const conveyor = (name: string) => figure('order-pipeline', name);
  const peer = (name: string) => figure('bullmq-pipeline', name);
  const history = (name: string) => figure('order-pipeline-history', name);
  return {
    pipeline_vs_bullmq: ratio(conveyor('ordersPerSecond'), peer('ordersPerSecond')),
    pipeline_1000_vs_bullmq: ratio(conveyor('bigBurstOrdersPerSecond'), peer('bigBurstOrdersPerSecond')),
    pipeline_p50_vs_bullmq: ratio(conveyor('p50Ms'), peer('p50Ms')),
    pipeline_p99_vs_bullmq: ratio(conveyor('p99Ms'), peer('p99Ms')),
    pipeline_cpu_vs_bullmq: ratio(conveyor('cpuMsPerOrder'), peer('cpuMsPerOrder')),
    orders_per_s_1000: conveyor('bigBurstOrdersPerSecond'),
    order_cpu_ms_per_order: conveyor('cpuMsPerOrder'),
    bullmq_orders_per_s: peer('ordersPerSecond'),
    bullmq_orders_per_s_1000: peer('bigBurstOrdersPerSecond'),
    bullmq_order_p50_ms: peer('p50Ms'),
    bullmq_order_p99_ms: peer('p99Ms'),
    bullmq_cpu_ms_per_order: peer('cpuMsPerOrder'),
    db_commands_per_order: conveyor('dbCommandsPerOrder'),
    db_commands_per_order_1000: conveyor('bigBurstDbCommandsPerOrder'),
    pipeline_history_vs_empty: ratio(history('ordersPerSecond'), conveyor('ordersPerSecond')),
    pipeline_history_1000_vs_empty: ratio(
      history('bigBurstOrdersPerSecond'),
      conveyor('bigBurstOrdersPerSecond'),
    ),
    orders_per_s_history: history('ordersPerSecond'),
    orders_per_s_history_1000: history('bigBurstOrdersPerSecond'),
  };
}

/** The one JSON line: figures rounded for reading, missing ones null. */
export function ratiosJson(summary: BenchSummary): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(summary.ratios).map(([name, value]) => [
        name,
        Number.isFinite(value)
          ? Math.abs(value) >= 100
            ? Math.round(value)
            : Number(value.toPrecision(3))
          : null,
      ]),
    ),
  );
}
