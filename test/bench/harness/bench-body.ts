// The body every bench message carries: its index and when it was published (performance.now() of
// this process, so publisher and consumers share the clock).
import { defineMessage } from '@conveyor/contracts';
import { z } from 'zod';

export const benchMessage = defineMessage('bench.noop.v1', z.object({ n: z.number(), sentAt: z.number() }));
export type BenchBody = z.infer<typeof benchMessage.schema>;

/** The raw baseline's cheap check (the consumer host validates with the zod schema instead). */
export function readBenchBody(value: unknown): BenchBody {
  if (typeof value === 'object' && value !== null && 'n' in value && 'sentAt' in value) {
    const { n, sentAt } = value;
    if (typeof n === 'number' && typeof sentAt === 'number') return { n, sentAt };
  }
  throw new TypeError('not a bench message body');
}
