// Which scheduler leads, asked of each one's /readyz (`details.leader`): the fault rows that kill the
// leader find it here.
import { z } from 'zod';
import { waitFor } from '../../support/index.ts';
import type { ServiceProcess } from '../../e2e/service-process.ts';
import type { FaultStack } from './fault-stack.ts';

const readiness = z.object({ details: z.object({ leader: z.boolean() }).optional() });

/** The one scheduler that says it leads (waits, bounded, while none or two do). */
export async function theLeader(faults: FaultStack): Promise<ServiceProcess> {
  return waitFor(
    async () => {
      const schedulers = faults.processes('scheduler-');
      const leading = await Promise.all(schedulers.map(isLeader));
      const found = schedulers.filter((_, index) => leading[index]);
      return found.length === 1 ? found[0] : undefined;
    },
    { what: 'exactly one scheduler leading', timeoutMs: 30_000, intervalMs: 200 },
  );
}

async function isLeader(scheduler: ServiceProcess): Promise<boolean> {
  const response = await fetch(`${scheduler.healthUrl}/readyz`, { signal: AbortSignal.timeout(1_000) }).catch(
    () => undefined,
  );
  if (response === undefined) return false;
  return readiness.safeParse(await response.json().catch(() => undefined)).data?.details?.leader === true;
}
