import { ROOT_CONTEXT, type Span } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { withStableDatabaseAttributes } from './stable-database-attributes.ts';

describe('withStableDatabaseAttributes', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = withStableDatabaseAttributes(provider).getTracer('@opentelemetry/instrumentation-mongodb');

  afterEach(() => {
    exporter.reset();
  });

  it('writes each semconv 1.7 database attribute under its stable name as well', () => {
    const span = tracer.startSpan('mongodb.insert');
    span.setAttributes({
      'db.system': 'mongodb',
      'db.name': 'shop',
      'db.mongodb.collection': 'orders',
      'db.operation': 'insert',
      'db.statement': '{"insert":"?"}',
    });
    span.setAttribute('net.peer.name', 'db.internal');
    span.setAttribute('net.peer.port', 27017);
    span.end();

    expect(exporter.getFinishedSpans()[0]?.attributes).toEqual({
      'db.system': 'mongodb',
      'db.system.name': 'mongodb',
      'db.name': 'shop',
      'db.namespace': 'shop',
      'db.mongodb.collection': 'orders',
      'db.collection.name': 'orders',
      'db.operation': 'insert',
      'db.operation.name': 'insert',
      'db.statement': '{"insert":"?"}',
      'net.peer.name': 'db.internal',
      'server.address': 'db.internal',
      'net.peer.port': 27017,
      'server.port': 27017,
    });
  });

  it('does the same for attributes given when the span starts', () => {
    tracer.startSpan('mongodb.find', { attributes: { 'db.system': 'mongodb' } }).end();

    expect(exporter.getFinishedSpans()[0]?.attributes).toEqual({
      'db.system': 'mongodb',
      'db.system.name': 'mongodb',
    });
  });

  it('hands startActiveSpan callbacks a span that does the same, in each of its forms', () => {
    const work = (span: Span) => {
      span.setAttribute('db.name', 'shop');
      span.end();
      return 'done';
    };

    const results = [
      tracer.startActiveSpan('one', work),
      tracer.startActiveSpan('two', {}, work),
      tracer.startActiveSpan('three', {}, ROOT_CONTEXT, work),
    ];

    expect(results).toEqual(['done', 'done', 'done']);
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.attributes])).toEqual(
      ['one', 'two', 'three'].map((name) => [name, { 'db.name': 'shop', 'db.namespace': 'shop' }]),
    );
  });
});
