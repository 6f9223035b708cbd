import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, defineMessage } from '@conveyor/contracts';
import { Exchange, RemoteError, RequestTimeoutError } from '@conveyor/bus';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, openBus } from './bus-fixture.ts';

const quoteResult = z.object({ sku: z.string(), total: z.number() });

describe('request/reply', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(responderDelayMs: () => number) {
    const logLines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    );
    const caller = await openBus(uniqueName('rpc-caller'), { logger });
    const responder = await openBus(uniqueName('rpc-responder'));
    const queue = uniqueName('rpc.q');
    const requestType = defineMessage(
      `${queue.replaceAll('_', '-').toLowerCase()}.quote-requested.v1`,
      z.object({ sku: z.string(), qty: z.number() }),
    );
    cleanups.push(async () => {
      await caller.close();
      await responder.close();
      await deleteQueues(queue);
    });
    const host = responder.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: requestType.name }] },
    });
    host.on(requestType, async (message) => {
      await new Promise((resolve) => setTimeout(resolve, responderDelayMs()));
      if (message.body.sku === 'unknown') throw new PermanentError('UNKNOWN_SKU', 'no such sku');
      return { sku: message.body.sku, total: message.body.qty * 250 };
    });
    await host.start();
    const request = (sku: string, timeoutMs = 5_000) =>
      caller.rpc.request({
        exchange: Exchange.events,
        routingKey: requestType.name,
        type: requestType,
        body: { sku, qty: 4 },
        resultSchema: quoteResult,
        timeoutMs,
      });
    return { request, host, logLines };
  }

  it('matches each reply to its request by correlationId', async () => {
    const { request } = await setup(() => Math.floor(Math.random() * 20));
    const replies = await Promise.all(['a', 'b', 'c', 'd'].map((sku) => request(sku)));
    expect(replies).toEqual(['a', 'b', 'c', 'd'].map((sku) => ({ sku, total: 1_000 })));
  });

  it('carries a responder failure back as a typed error with its code', async () => {
    const { request } = await setup(() => 0);
    const failing = request('unknown');
    await expect(failing).rejects.toBeInstanceOf(RemoteError);
    await expect(failing).rejects.toMatchObject({ code: 'UNKNOWN_SKU', retryable: false });
  });

  it('times out when no reply comes in time, and logs and drops the late reply', async () => {
    const { request, host, logLines } = await setup(() => 400);
    await expect(request('slow', 100)).rejects.toBeInstanceOf(RequestTimeoutError);
    await waitFor(() => host.stats.replied === 1, { timeoutMs: 5_000, what: 'the late reply sent' });
    await waitFor(() => logLines.some((line) => line.includes('dropping a late or unknown reply')), {
      timeoutMs: 5_000,
      what: 'the late reply logged',
    });
  });
});
