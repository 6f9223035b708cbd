// Takes a sample of every shown queue when the page is asked for: depths from the broker and the
// worker processes' counts, read at the same time. Recent samples are kept so rates cover a window
// of some seconds however often the page is reloaded.
import type { Bus } from '@conveyor/bus';
import { readQueueDepths } from '@conveyor/metrics';
import { BrokerUnavailableError } from '../errors/broker-unavailable-error.ts';
import { readProcessCounts } from './process-counts.ts';
import { queueRows, type QueueRow, type QueueSample } from './queue-rows.ts';

export interface QueueSamplerOptions {
  connection: Bus['connection'];
  /** Every queue to show, in order (work queues and their .dlq). */
  queues: readonly string[];
  metricsUrls: readonly string[];
  metricsTimeoutMs: number;
}

export interface QueueReading {
  sample: QueueSample;
  rows: QueueRow[];
  /** The seconds the rates cover; undefined on the first reading (no rates yet). */
  windowSeconds: number | undefined;
}

export interface QueueSampler {
  read(): Promise<QueueReading>;
}

/** Rates are computed against the oldest kept sample at least this old... */
const minWindowMs = 1_000;
/** ...and samples older than this are dropped. */
const keepMs = 60_000;

export function createQueueSampler(options: QueueSamplerOptions): QueueSampler {
  const kept: QueueSample[] = [];
  return {
    async read() {
      const [depths, processes] = await Promise.all([
        readDepths(options),
        Promise.all(options.metricsUrls.map((url) => readProcessCounts(url, options.metricsTimeoutMs))),
      ]);
      const sample: QueueSample = { monotonicMs: performance.now(), takenAt: new Date(), depths, processes };
      while (kept.length > 0 && sample.monotonicMs - (kept[0]?.monotonicMs ?? 0) > keepMs) kept.shift();
      const baseline = kept.find((older) => sample.monotonicMs - older.monotonicMs >= minWindowMs);
      kept.push(sample);
      return {
        sample,
        rows: queueRows(sample, baseline),
        windowSeconds:
          baseline === undefined ? undefined : (sample.monotonicMs - baseline.monotonicMs) / 1_000,
      };
    },
  };
}

/** The current connection only: a page waits for no reconnect, it says the broker is away. */
async function readDepths(options: QueueSamplerOptions) {
  const model = options.connection.model;
  if (model === undefined) throw new BrokerUnavailableError();
  return readQueueDepths(model, options.queues);
}
