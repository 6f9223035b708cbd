// The Conveyor consumer host, without or with the MongoDB inbox, under the raw baseline's load:
// N messages through a confirm window, 4 consumer instances × prefetch 100, first publish → last handled.
import { uniqueName } from '../../support/index.ts';
import { publishWindowed } from '../harness/confirm-window.ts';
import { openConveyorRig } from '../harness/conveyor-rig.ts';
import { countdown } from '../harness/countdown.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { startCpuMeter } from '../harness/cpu-meter.ts';
import { throughputFigures, type ThroughputFigures } from '../harness/figures.ts';
import type { ThroughputOptions } from './raw-throughput.ts';

export interface ConveyorThroughputOptions extends ThroughputOptions {
  /** The MongoDB-wire server for the inbox; without it the host runs with no inbox. */
  inboxMongoUrl?: string;
}

export async function conveyorThroughput(options: ConveyorThroughputOptions): Promise<ThroughputFigures> {
  const { messages, inboxMongoUrl } = options;
  const rig = await openConveyorRig({
    ...options,
    queue: uniqueName(inboxMongoUrl === undefined ? 'bench.host' : 'bench.inbox'),
    inbox: inboxMongoUrl === undefined ? undefined : { mongoUrl: inboxMongoUrl },
  });
  try {
    const handled = countdown(messages);
    await rig.consume(() => {
      handled.tick();
    });
    const cpu = await startCpuMeter();
    const startedAt = performance.now();
    const run = async () => {
      await publishWindowed(messages, (n) => rig.publish({ n, sentAt: performance.now() }));
      await handled.done;
    };
    const what = `${messages} messages handled by the consumer host${inboxMongoUrl === undefined ? '' : ' with the inbox'}`;
    await withinDeadline(run(), options.timeoutMs, what);
    return await throughputFigures(messages, startedAt, cpu);
  } finally {
    await rig.close();
  }
}
