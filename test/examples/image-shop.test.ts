// examples/image-shop end to end, on the packed SDK: the SDK is packed and installed into a copy of the
// app outside the repository, the real gateway and the app's own worker process run against the real
// servers, and the app's jobs are driven through the client from the tarball (not the workspace sources).
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiKeyStore } from '@conveyor/api-keys';
import { serverUrls, uniqueName } from '../support/index.ts';
import {
  freePort,
  startServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from '../e2e/service-process.ts';
import { startAppProcess } from './app-process.ts';
import { installExampleApp, type ExampleApp } from './example-app.ts';
import { readmeCodeBlock } from './readme-block.ts';

/** The SDK's public API; at run time it is loaded from the installed tarball. */
type Sdk = typeof import('../../libs/sdk/src/index.ts');
type Client = ReturnType<Sdk['createClient']>;

const readme = new URL('../../libs/sdk/README.md', import.meta.url);
const firstJobHeading = 'Your first job in ten lines';

/** The supplier's API that `supplier.order` calls: it refuses orders while on hold. */
interface Supplier {
  url: string;
  onHold: boolean;
  references: string[];
  server: Server;
}

async function startSupplier(): Promise<Supplier> {
  const supplier: Supplier = { url: '', onHold: true, references: [], server: createServer() };
  supplier.server.on('request', (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { reference } = JSON.parse(body) as { reference: string };
      supplier.references.push(reference);
      response.setHeader('content-type', 'application/json');
      if (supplier.onHold) response.writeHead(409).end(JSON.stringify({ error: 'account on hold' }));
      else response.writeHead(201).end(JSON.stringify({ confirmation: `SUP-${reference}` }));
    });
  });
  supplier.server.listen(0, '127.0.0.1');
  await once(supplier.server, 'listening');
  const address = supplier.server.address();
  if (address === null || typeof address === 'string') throw new Error('the supplier has no port');
  supplier.url = `http://127.0.0.1:${String(address.port)}`;
  return supplier;
}

describe('the image-shop example on the packed SDK', () => {
  const servers = serverUrls();
  const database = uniqueName('conveyor_example');
  let app: ExampleApp;
  let mongo: MongoClient;
  let supplier: Supplier;
  let gateway: ServiceProcess;
  let worker: ServiceProcess;
  let sdk: Sdk;
  let client: Client;
  let appEnv: Record<string, string>;
  /** What beforeAll made, released in reverse order (also when it failed halfway). */
  const releases: (() => unknown)[] = [];

  beforeAll(async () => {
    app = await installExampleApp('image-shop');
    releases.push(() => app.remove());
    process.stdout.write(
      `[examples] npm pack (with its build): ${String(app.timings.packMs)} ms, ` +
        `${String(app.tarballBytes)} bytes; npm install of the tarball: ${String(app.timings.installMs)} ms\n`,
    );
    sdk = (await import(
      pathToFileURL(join(app.dir, 'node_modules/@conveyor/sdk/dist/index.js')).href
    )) as Sdk;
    mongo = await MongoClient.connect(servers.mongoUrl);
    releases.push(
      () => mongo.close(),
      () => mongo.db(database).dropDatabase(),
    );
    const { key: apiKey } = await createApiKeyStore({ db: mongo.db(database) }).create({
      tenantId: 'default',
      label: 'image-shop example',
    });
    supplier = await startSupplier();
    releases.push(() => supplier.server.close());
    const gatewayPort = await freePort();
    gateway = startServiceProcess(
      'gateway',
      'gateway',
      {
        AMQP_URL: servers.amqpUrl,
        MONGO_URL: servers.mongoUrl,
        MONGO_DB: database,
        NATS_URL: servers.natsUrl,
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
      },
      gatewayPort,
    );
    releases.push(() => gateway.stop());
    const gatewayUrl = `http://127.0.0.1:${String(gatewayPort)}`;
    appEnv = {
      AMQP_URL: servers.amqpUrl,
      MONGO_URL: servers.mongoUrl,
      MONGO_DB: database,
      NATS_URL: servers.natsUrl,
      CONVEYOR_URL: gatewayUrl,
      CONVEYOR_API_KEY: apiKey,
      SUPPLIER_URL: supplier.url,
    };
    const healthPort = await freePort();
    worker = startAppProcess(
      'image-shop worker',
      app.dir,
      ['src/worker.ts'],
      { ...appEnv, HEALTH_PORT: String(healthPort) },
      healthPort,
    );
    releases.push(() => worker.stop());
    await Promise.all([waitUntilReady(gateway), waitUntilReady(worker)]);
    client = sdk.createClient({ url: gatewayUrl, apiKey });
  }, 300_000);

  afterAll(async () => {
    for (const release of releases.reverse()) await release();
  });

  function logs(): string {
    return [gateway, worker]
      .map((process) => `--- ${process.name}\n${process.logs.slice(-30).join('\n')}`)
      .join('\n');
  }

  it('installs a package of built files whose imports are its declared dependencies, no internal package', () => {
    const installed = join(app.dir, 'node_modules/@conveyor/sdk');
    const manifest = z
      .object({ dependencies: z.record(z.string(), z.string()) })
      .parse(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')));
    const packagesImportedBy = (file: string) =>
      new Set(
        [...readFileSync(join(installed, file), 'utf8').matchAll(/^import (?:.* from )?"([^"]+)";$/gm)]
          .map(([, specifier = '']) => specifier)
          .filter((specifier) => !specifier.startsWith('node:'))
          .map((specifier) =>
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          ),
      );

    expect(readdirSync(installed, { recursive: true }).sort()).toEqual(
      ['LICENSE', 'README.md', 'dist', 'dist/index.d.ts', 'dist/index.js', 'package.json'].sort(),
    );
    expect([...packagesImportedBy('dist/index.js')].sort()).toEqual(
      Object.keys(manifest.dependencies).sort(),
    );
    const typed = [...packagesImportedBy('dist/index.d.ts')];
    expect(typed.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('typechecks against the declarations in the tarball, the README guide included', async () => {
    writeFileSync(join(app.dir, 'src/first-job.ts'), readmeCodeBlock(readme, firstJobHeading));
    await expect(app.npm(['run', 'typecheck', '--silent'])).resolves.toMatchObject({ stderr: '' });
  });

  it(`runs the README's "${firstJobHeading}" as written, printing what its comment says`, async () => {
    const guide = readmeCodeBlock(readme, firstJobHeading);
    const printed = /console\.log\(.*\); \/\/ (.*)$/m.exec(guide)?.[1];
    writeFileSync(join(app.dir, 'first-job.ts'), guide);

    const { stdout } = await app.node(['first-job.ts'], appEnv);

    // Between the worker's log lines (JSON, one per line).
    expect(printed).toBeDefined();
    expect(stdout.split('\n')).toContain(printed);
  });

  it('registers its job types, so the gateway refuses an unknown type and bad data at accept time', async () => {
    const types = await client.jobTypes();
    expect(types.map(({ type }) => type)).toEqual(
      expect.arrayContaining([
        'thumbnail.render',
        'catalog.import',
        'catalog.imported',
        'stock.adjust',
        'supplier.order',
        'report.export',
      ]),
    );
    expect(types.find(({ type }) => type === 'stock.adjust')?.ordered).toMatchObject({ keyField: 'sku' });

    await expect(client.enqueue('thumbnail.resize', {})).rejects.toMatchObject({
      status: 422,
      code: 'UNKNOWN_JOB_TYPE',
    });
    const refused = await client
      .enqueue('stock.adjust', { sku: 'mug-1', delta: 'two' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(sdk.ConveyorApiError);
    expect(refused).toMatchObject({
      status: 422,
      code: 'INVALID_JOB_PAYLOAD',
      details: [expect.objectContaining({ field: 'payload.delta' })],
    });
  });

  it('enqueues a report with the client, follows its progress live and reads its result', async () => {
    const report = await client.enqueue('report.export', { month: '2026-01', pages: 5, msPerPage: 200 });

    const percents: number[] = [];
    for await (const { value } of report.progress()) percents.push((value as { percent: number }).percent);
    const result = await report.result({ timeoutMs: 30_000 });

    expect(percents.length, logs()).toBeGreaterThan(0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBeLessThanOrEqual(100);
    expect(result).toEqual({
      month: '2026-01',
      pages: 5,
      url: 'https://reports.image-shop.example/2026-01.pdf',
    });
    expect(await report.status()).toBe('completed');
  });

  it('cancels a running report: its handler stops and the job ends cancelled, not retried', async () => {
    const report = await client.enqueue('report.export', { month: '2026-02', pages: 100, msPerPage: 200 });
    // The first progress value says the handler is running.
    for await (const _progress of report.progress()) break;

    const cancelling = await report.cancel();
    const ended = await report.result({ timeoutMs: 30_000 }).catch((error: unknown) => error);

    expect(cancelling.cancelRequested).toBe(true);
    expect(ended).toBeInstanceOf(sdk.JobNotCompletedError);
    expect(ended).toMatchObject({ code: 'JOB_ENDED_CANCELLED' });
    const job = await report.get();
    expect(job.status).toBe('cancelled');
    expect(job.attempts.map(({ outcome }) => outcome)).toEqual(['cancelled']);
    expect((job.progress as { page: number }).page).toBeLessThan(100);
  });

  it('cancels a scheduled job before it runs: it never starts', async () => {
    const later = await client.enqueue('report.export', { month: '2026-03' }, { delayMs: 60_000 });
    expect(await later.status()).toBe('scheduled');

    const cancelled = await later.cancel();

    expect(cancelled).toMatchObject({ status: 'cancelled', attempt: 0 });
    await expect(later.cancel()).rejects.toMatchObject({ status: 409, code: 'JOB_FINISHED' });
  });

  it('retries a failed supplier order once the supplier takes orders again', async () => {
    supplier.onHold = true;
    const order = await client.enqueue('supplier.order', { sku: 'mug-1', quantity: 12 });

    const failed = await order.result({ timeoutMs: 30_000 }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 'JOB_ENDED_FAILED' });
    expect((await order.get()).error).toContain('account on hold');

    supplier.onHold = false;
    const retried = await order.retry();
    const result = await order.result({ timeoutMs: 30_000 });

    expect(retried.status).toBe('accepted');
    expect(result).toEqual({ confirmation: `SUP-${order.id}` });
    // Refused once, for good (not retried by the worker), then taken: the same reference both times.
    expect(supplier.references).toEqual([order.id, order.id]);
  });

  it('runs the stock adjustments of one SKU one at a time, in the order they were enqueued', async () => {
    const skus = ['mug-red', 'mug-blue'];
    const deltas = [5, -1, 7, -3, 2, 4];
    const handles = new Map<string, Awaited<ReturnType<Client['enqueue']>>[]>(skus.map((sku) => [sku, []]));
    // Interleaved: red, blue, red, blue...
    for (const delta of deltas)
      for (const sku of skus) handles.get(sku)?.push(await client.enqueue('stock.adjust', { sku, delta }));

    for (const sku of skus) {
      const jobs = handles.get(sku) ?? [];
      const results = (await Promise.all(jobs.map((job) => job.result({ timeoutMs: 60_000 })))) as {
        before: number;
        after: number;
      }[];
      // Each one read the level the one before it wrote: none ran beside another, none overtook.
      let level = 0;
      expect(results).toEqual(
        deltas.map((delta) => {
          const before = level;
          level += delta;
          return { sku, before, after: level };
        }),
      );
      const runs = await Promise.all(jobs.map((job) => job.get()));
      for (const [index, run] of runs.entries()) {
        const previous = runs[index - 1]?.attempts.at(-1)?.endedAt;
        if (previous !== undefined && previous !== null)
          expect(Date.parse(run.attempts[0]?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(previous));
      }
    }
  });

  it('imports a catalogue as a batch of CPU-bound thumbnails, then runs its callback job once', async () => {
    const imageIds = ['a.png', 'b.png', 'c.png'];
    const batch = await client.enqueue('catalog.import', { shop: 'north', imageIds });

    await batch.result({ timeoutMs: 60_000 });

    const parent = await batch.get();
    expect(parent.children).toEqual({ total: 3, completed: 3, failed: 0 });
    const thumbnails = (await client.list({ type: 'thumbnail.render', limit: 200 })).jobs.filter(
      (job) => job.parentJobId === batch.id,
    );
    expect(thumbnails.map((job) => job.status)).toEqual(['completed', 'completed', 'completed']);
    const callbacks = (await client.list({ type: 'catalog.imported' })).jobs.filter(
      (job) => job.payload['parentJobId'] === batch.id,
    );
    expect(callbacks).toHaveLength(1);
    const callback = client.job(callbacks[0]?.id ?? '');
    await expect(callback.result({ timeoutMs: 30_000 })).resolves.toEqual({
      shop: 'north',
      thumbnails: 3,
      missing: 0,
    });
  });

  it("runs the shop's own client script to the end", async () => {
    const { stdout } = await app.node(['src/shop.ts'], appEnv);
    expect(stdout).toContain('report ready at https://reports.image-shop.example/2026-01.pdf');
    expect(stdout).toContain('stock of mug-1: 7 → 5');
  });
});
