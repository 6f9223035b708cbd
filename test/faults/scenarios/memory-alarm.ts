// The broker under memory pressure: the private node's memory watermark set to one byte raises the
// memory alarm, and RabbitMQ blocks every connection that publishes (`connection.blocked`); after a
// few seconds it drops every connection (close_all_connections), and only then is the watermark put
// back. Publishes held by a blocked connection, and the deliveries in flight when it was cut, must
// neither be lost nor applied twice.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from '../harness/fault-stack.ts';
import type { MailBook } from '../harness/mail-book.ts';
import { orderMix } from '../harness/order-mix.ts';
import { startScenario, type Budget, type ScenarioResult } from '../harness/scenario-run.ts';

export interface MemoryAlarmSize {
  orders: number;
  alarms: number;
  everyMs: number;
  /** How long the alarm holds before the connections are dropped. */
  alarmMs: number;
}

export async function memoryAlarm(
  faults: FaultStack,
  book: MailBook,
  size: MemoryAlarmSize,
  budget: Budget,
): Promise<ScenarioResult> {
  const broker = faults.servers.rabbitmq;
  const run = startScenario(faults, book, 'memory-alarm', budget);
  const specs = orderMix(run.scenario, size.orders);
  const load = run.load(specs);
  const blockedSeen: string[] = [];
  let closed = 0;
  const alarms = await run.repeat(load, size.everyMs, size.alarms, async () => {
    await broker.raiseMemoryAlarm();
    try {
      await sleep(size.alarmMs);
      const states = await broker.connectionStates();
      const blocked = states.filter((state) => state === 'blocked' || state === 'blocking').length;
      blockedSeen.push(`${String(blocked)} of ${String(states.length)}`);
      closed += await broker.closeAllConnections('conveyor fault suite: memory alarm');
    } finally {
      await broker.restoreMemoryWatermark();
    }
    run.clock.faultEnded();
  });
  await load;
  const result = await run.finish(
    `memory alarm ${String(size.alarmMs / 1000)} s, then close_all_connections ×${String(alarms)}`,
    specs,
    { faults: alarms },
  );
  return {
    ...result,
    notes: [
      ...result.notes,
      `connections blocked (or blocking) when the connections were dropped, per alarm: ${blockedSeen.join(', ')}`,
      `${String(closed)} connections closed by the broker in all`,
    ],
    problems: [
      ...result.problems,
      ...(alarms > 0 && blockedSeen.every((seen) => seen.startsWith('0 '))
        ? ['the memory alarm blocked no connection']
        : []),
    ],
  };
}
