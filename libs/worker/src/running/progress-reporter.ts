// A handler's progress: every report goes to live followers at once (NATS), while the job document is
// written at most once a second (the database is the scarce resource), the last value at the attempt's
// end. A write that finds the job cancelled cancels the handler: the net under a missed NATS request.
import { jobProgressEvent, jobProgressSubject } from '@conveyor/contracts';
import type { EventsClient } from '@conveyor/events';
import { recordJobProgress } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';

export interface ProgressReporterOptions {
  store: Store;
  events: EventsClient | null;
  jobId: string;
  tenantId: string;
  onCancelRequested: () => void;
  /** Least time between two writes of the document; 1000 ms. */
  writeEveryMs?: number;
}

export interface ProgressReporter {
  report(value: unknown): Promise<void>;
  /** The last value reported and not yet written (write it with the attempt's end), or undefined. */
  unwritten(): { value: unknown } | undefined;
}

export function progressReporter(options: ProgressReporterOptions): ProgressReporter {
  const { store, events, jobId, tenantId } = options;
  const writeEveryMs = options.writeEveryMs ?? 1_000;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let pending: { value: unknown } | undefined;
  return {
    async report(value) {
      events?.publish(jobProgressSubject(tenantId, jobId), jobProgressEvent, {
        jobId,
        tenantId,
        value,
        at: new Date().toISOString(),
      });
      if (performance.now() - lastWriteAt < writeEveryMs) {
        pending = { value };
        return;
      }
      lastWriteAt = performance.now();
      pending = undefined;
      const signals = await recordJobProgress(store, { jobId, tenantId }, value);
      if (signals.cancelRequested) options.onCancelRequested();
    },
    unwritten: () => pending,
  };
}
