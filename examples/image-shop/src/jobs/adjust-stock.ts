// Ordered per key: stock adjustments of one SKU read the level, then write it back, so two at once
// would lose one of them, and "sold" before "restocked" could go below zero. `orderingKey: 'sku'` runs
// the jobs of one SKU one at a time, in the order they were enqueued; different SKUs run in parallel.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineJob } from '@conveyor/sdk';
import { z } from 'zod';

// The example keeps levels in the worker's memory; a real shop keeps them in its database.
const levels = new Map<string, number>();

export const adjustStock = defineJob({
  type: 'stock.adjust',
  orderingKey: 'sku',
  schema: z.object({ sku: z.string().min(1), delta: z.number().int() }),
  async handler({ sku, delta }) {
    const before = levels.get(sku) ?? 0;
    await sleep(20); // the round trip to the database between the read and the write
    const after = before + delta;
    levels.set(sku, after);
    return { sku, before, after };
  },
});
