// Long-running: a monthly report renders page after page. It reports progress (followed live by the
// shop's back office), checkpoints each page so that a retry after a crash resumes where it stopped,
// and stops as soon as it is cancelled: its signal fires and the sleep below throws.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineJob } from '@conveyor/sdk';
import { z } from 'zod';

export const exportReport = defineJob({
  type: 'report.export',
  timeoutMs: 10 * 60_000,
  schema: z.object({
    month: z.string().regex(/^\d{4}-\d{2}$/),
    pages: z.number().int().min(1).max(500).default(20),
    /** How long a page takes to render (the example renders nothing). */
    msPerPage: z.number().int().min(0).max(10_000).default(250),
  }),
  async handler({ month, pages, msPerPage }, ctx) {
    const resumedAt = typeof ctx.lastCheckpoint === 'number' ? ctx.lastCheckpoint : 0;
    for (let page = resumedAt + 1; page <= pages; page += 1) {
      await sleep(msPerPage, undefined, { signal: ctx.signal });
      await ctx.checkpoint(page);
      await ctx.progress({ page, pages, percent: Math.round((page / pages) * 100) });
    }
    return { month, pages, url: `https://reports.image-shop.example/${month}.pdf` };
  },
});
