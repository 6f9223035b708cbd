// Progress events (and a leader's lease) while NATS is away, against a private nats-server this test starts and stops
// (never the shared one other suites use).
import { createServer } from 'node:net';
import { trace } from '@opentelemetry/api';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { createKvLease, runLeaderElection, type DemotionReason } from '@conveyor/leadership';
import { connect } from 'nats';
import { pino, type DestinationStream } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueName, waitFor } from '../../support/index.ts';
import { startNats } from '../../support/index.ts';

const progressSchema = z.strictObject({ jobId: z.string(), percent: z.number() });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

function captureLines(): { destination: DestinationStream; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    destination: {
      write(chunk: string) {
        for (const line of chunk.split('\n'))
          if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  };
}

describe('events while NATS is unreachable', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('drops a publish with a result and a warning instead of throwing, and publishes again after reconnecting', async () => {
    const port = await freePort();
    const first = await startNats({ port });
    cleanups.push(async () => first.stop?.());
    const { destination, lines } = captureLines();
    const client: EventsClient = await connectEvents({
      servers: first.url,
      name: uniqueName('events-disconnect-test'),
      logger: pino({ level: 'warn' }, destination),
      tracer: trace.getTracer('events-disconnect-test'),
    });
    cleanups.push(() => client.close());
    const subject = uniqueName('test.progress');

    await first.stop?.();
    await waitFor(() => !client.isConnected(), { what: 'the client to notice the server is gone' });
    const whileDown = client.publish(subject, progressSchema, { jobId: 'j-1', percent: 10 });
    client.publish(subject, progressSchema, { jobId: 'j-1', percent: 20 });

    expect(whileDown).toEqual({ published: false, reason: 'disconnected' });
    expect(
      lines.filter((line) => line['level'] === 40 && String(line['msg']).includes('dropping events')),
    ).toHaveLength(1);

    const second = await startNats({ port });
    cleanups.push(async () => second.stop?.());
    await waitFor(() => client.isConnected(), { what: 'the client to reconnect', timeoutMs: 20_000 });
    let resolveReceived: (percent: number) => void = () => undefined;
    const received = new Promise<number>((resolve) => {
      resolveReceived = resolve;
    });
    client.subscribe(subject, progressSchema, (event) => resolveReceived(event.percent));

    expect(client.publish(subject, progressSchema, { jobId: 'j-1', percent: 30 })).toEqual({
      published: true,
    });
    expect(await received).toBe(30);
  });

  it('closes without waiting for a server that is gone', async () => {
    const server = await startNats({ port: await freePort() });
    cleanups.push(async () => server.stop?.());
    const client = await connectEvents({
      servers: server.url,
      name: uniqueName('events-disconnect-test'),
      logger: pino({ level: 'silent' }),
      tracer: trace.getTracer('events-disconnect-test'),
    });

    await server.stop?.();
    await waitFor(() => !client.isConnected(), { what: 'the client to notice the server is gone' });
    await client.close();

    expect(client.publish(uniqueName('test.progress'), progressSchema, { jobId: 'j', percent: 1 })).toEqual({
      published: false,
      reason: 'closed',
    });
  });

  it('demotes a leader cut off from NATS once its lease validity runs out', async () => {
    const server = await startNats({ port: await freePort() });
    cleanups.push(async () => server.stop?.());
    const nc = await connect({ servers: server.url, maxReconnectAttempts: -1 });
    cleanups.push(() => nc.close());
    const lease = await createKvLease({
      nc,
      bucket: uniqueName('lease-fault'),
      key: 'leader',
      ttlMs: 1_500,
      holderId: uniqueName('holder'),
      logger: pino({ level: 'silent' }),
    });
    let elected: () => void = () => undefined;
    const wasElected = new Promise<void>((resolve) => {
      elected = resolve;
    });
    let demoted: (reason: DemotionReason) => void = () => undefined;
    const wasDemoted = new Promise<DemotionReason>((resolve) => {
      demoted = resolve;
    });
    const election = runLeaderElection({
      lease,
      renewEveryMs: 300,
      logger: pino({ level: 'silent' }),
      onElected: () => elected(),
      onDemoted: ({ reason }) => demoted(reason),
    });
    cleanups.push(() => election.stop());
    await wasElected;

    await server.stop?.();

    expect(await wasDemoted).toBe('expired');
    expect(lease.isLeader()).toBe(false);
  });
});
