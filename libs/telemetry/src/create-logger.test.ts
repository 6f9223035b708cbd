import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { DestinationStream } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.ts';
import { REDACTED } from './redaction.ts';
import { startTelemetry, type Telemetry } from './start-telemetry.ts';

type LogLine = Record<string, unknown>;

/** A destination that keeps each JSON line the logger writes. */
function captureLines(): { destination: DestinationStream; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination: DestinationStream = {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') lines.push(JSON.parse(line) as LogLine);
    },
  };
  return { destination, lines };
}

describe('createLogger', () => {
  let telemetry: Telemetry;

  beforeEach(() => {
    telemetry = startTelemetry({ serviceName: 'logger-test', exporter: new InMemorySpanExporter() });
  });

  afterEach(async () => {
    await telemetry.shutdown();
  });

  it('stamps every line logged inside a span with that span’s trace_id and span_id', () => {
    const { destination, lines } = captureLines();
    const logger = createLogger({ name: 'orders', level: 'info', destination });

    const ids = telemetry.tracer.startActiveSpan('outer', (outer) => {
      logger.info('in outer');
      const innerIds = telemetry.tracer.startActiveSpan('inner', (inner) => {
        logger.child({ component: 'child' }).warn('in inner');
        inner.end();
        return inner.spanContext();
      });
      outer.end();
      return { outer: outer.spanContext(), inner: innerIds };
    });

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      msg: 'in outer',
      trace_id: ids.outer.traceId,
      span_id: ids.outer.spanId,
    });
    expect(lines[1]).toMatchObject({
      msg: 'in inner',
      trace_id: ids.inner.traceId,
      span_id: ids.inner.spanId,
    });
    expect(ids.inner.traceId).toBe(ids.outer.traceId);
    expect(ids.inner.spanId).not.toBe(ids.outer.spanId);
  });

  it('writes no trace fields outside a span', () => {
    const { destination, lines } = captureLines();
    createLogger({ name: 'orders', level: 'info', destination }).info('no span here');

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  it('writes JSON lines with the service name and the level as a label', () => {
    const { destination, lines } = captureLines();
    const logger = createLogger({ name: 'notifier', level: 'warn', destination });
    logger.info('below the level');
    logger.error({ orderId: 'o-1' }, 'failed');

    expect(lines).toEqual([expect.objectContaining({ service: 'notifier', level: 'error', orderId: 'o-1' })]);
  });

  it('redacts passwords, API keys, tokens and authorization headers', () => {
    const { destination, lines } = captureLines();
    createLogger({ name: 'gateway', level: 'info', destination }).info(
      {
        password: 'p1',
        smtp: { user: 'mailer', password: 'p2' },
        provider: { apiKey: 'k1', region: 'eu' },
        headers: { authorization: 'Bearer abc', accept: 'application/json' },
        req: { headers: { authorization: 'Basic xyz', cookie: 'session=1' } },
        webhook: { secret: 's1' },
      },
      'configured',
    );

    expect(lines[0]).toMatchObject({
      password: REDACTED,
      smtp: { user: 'mailer', password: REDACTED },
      provider: { apiKey: REDACTED, region: 'eu' },
      headers: { authorization: REDACTED, accept: 'application/json' },
      req: { headers: { authorization: REDACTED, cookie: REDACTED } },
      webhook: { secret: REDACTED },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ['p1', 'p2', 'k1', 'Bearer abc', 'Basic xyz', 'session=1', 's1"']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps connection URLs readable but masks the password in them', () => {
    const { destination, lines } = captureLines();
    createLogger({ name: 'scheduler', level: 'info', destination }).info(
      {
        url: 'amqp://guest:hunter2@rabbit:5672/vhost',
        nats: { servers: ['nats://svc:n4ts@nats-1:4222', 'nats://nats-2:4222'] },
        mongo: { url: 'mongodb://app:m0ngo@db-1,db-2/conveyor?replicaSet=rs0' },
      },
      'connecting',
    );

    expect(lines[0]).toMatchObject({
      url: `amqp://guest:${REDACTED}@rabbit:5672/vhost`,
      nats: { servers: [`nats://svc:${REDACTED}@nats-1:4222`, 'nats://nats-2:4222'] },
      mongo: { url: `mongodb://app:${REDACTED}@db-1,db-2/conveyor?replicaSet=rs0` },
    });
  });

  it('redacts authorization and x-api-key wherever they sit, and card fields', () => {
    const { destination, lines } = captureLines();
    createLogger({ name: 'gateway', level: 'info', destination }).info(
      {
        authorization: 'Token t0p',
        'x-api-key': 'k2-top',
        request: { authorization: 'Token t1', 'x-api-key': 'k3-nested' },
        payment: { cardNumber: '4111111111111111', cvv: '123', brand: 'visa' },
      },
      'request',
    );

    expect(lines[0]).toMatchObject({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      request: { authorization: REDACTED, 'x-api-key': REDACTED },
      payment: { cardNumber: REDACTED, cvv: REDACTED, brand: 'visa' },
    });
  });

  it('masks API keys and bearer tokens by their shape in messages, values and error stacks', () => {
    const { destination, lines } = captureLines();
    const key = 'cvk_0123456789ab_S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3c';
    const logger = createLogger({ name: 'gateway', level: 'info', destination });
    logger.info({ note: `the caller sent ${key}` }, `key ${key} used`);
    logger.error({ err: new Error(`rejected Bearer abcdefgh12345678 and ${key}`) }, 'failed');

    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).not.toContain('S3cr3t');
    expect(text).not.toContain('abcdefgh12345678');
    expect(lines[0]).toMatchObject({
      msg: `key cvk_0123456789ab_${REDACTED} used`,
      note: `the caller sent cvk_0123456789ab_${REDACTED}`,
    });
    expect(lines[1]).toMatchObject({
      err: { message: expect.stringContaining(`Bearer ${REDACTED}`) as unknown },
    });
  });

  it('redacts the extra paths a caller adds', () => {
    const { destination, lines } = captureLines();
    createLogger({ name: 'gateway', level: 'info', destination, redactPaths: ['card.number'] }).info(
      { card: { number: '4242424242424242', brand: 'visa' } },
      'paid',
    );

    expect(lines[0]).toMatchObject({ card: { number: REDACTED, brand: 'visa' } });
  });
});
