// A job that can fail: it calls the supplier's API. A supplier that is down (5xx, no answer) is retried
// with backoff; a refusal (4xx: unknown SKU, account on hold) fails the job at once, and once the cause
// is fixed an operator retries it (`conveyor jobs retry <id>`, the dashboard, or handle.retry()).
import { JobFailedError, defineJob } from '@conveyor/sdk';
import { z } from 'zod';

const supplierUrl = process.env['SUPPLIER_URL'] ?? 'http://127.0.0.1:9090';

export const orderFromSupplier = defineJob({
  type: 'supplier.order',
  attempts: 3,
  backoff: [500, 2_000],
  schema: z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }),
  async handler({ sku, quantity }, ctx) {
    const response = await fetch(`${supplierUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The job id as the supplier's idempotency key: a retried attempt never orders twice.
      body: JSON.stringify({ sku, quantity, reference: ctx.jobId }),
      signal: ctx.signal,
    });
    const text = await response.text();
    if (response.status >= 500) throw new Error(`the supplier answered ${String(response.status)}: ${text}`);
    if (!response.ok)
      throw new JobFailedError(`the supplier refused the order: ${text}`, { retryable: false });
    return z.object({ confirmation: z.string() }).parse(JSON.parse(text));
  },
});
