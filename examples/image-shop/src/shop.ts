// The shop's side: enqueue work over Conveyor's HTTP API and follow it. Typed by the job definitions:
// `data` is checked against each job's schema, and `result()` has its handler's return type.
import { createClient } from '@conveyor/sdk';
import { adjustStock, exportReport, importCatalog } from './jobs.ts';

const client = createClient({
  url: process.env['CONVEYOR_URL'] ?? 'http://127.0.0.1:8080',
  apiKey: process.env['CONVEYOR_API_KEY'] ?? '',
});

const report = await client.enqueue(exportReport, { month: '2026-01', pages: 4, msPerPage: 100 });
for await (const { value } of report.progress()) console.log('report progress', value);
const { url } = await report.result({ timeoutMs: 60_000 });
console.log('report ready at', url);

const imported = await client.enqueue(importCatalog, { shop: 'north', imageIds: ['a.png', 'b.png'] });
await imported.result({ timeoutMs: 60_000 });
const job = await imported.get();
console.log('catalogue imported:', job.children);

// Same SKU: applied one at a time, in this order.
const adjustments = [];
for (const delta of [10, -3, -2])
  adjustments.push(await client.enqueue(adjustStock, { sku: 'mug-1', delta }));
for (const adjustment of adjustments) {
  const { before, after } = await adjustment.result({ timeoutMs: 60_000 });
  console.log(`stock of mug-1: ${String(before)} → ${String(after)}`);
}
