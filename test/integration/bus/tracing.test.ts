import { afterEach, describe, expect, it } from 'vitest';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Exchange } from '@conveyor/bus';
import { startTelemetry } from '@conveyor/telemetry';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, openBus, uniqueTaskType } from './bus-fixture.ts';

describe('trace propagation', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('puts the publish and the consume of a message in one trace, the consumer span a child of the producer span', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'bus-tracing-test', exporter });
    const bus = await openBus(uniqueName('tracing'), { tracer: telemetry.tracer });
    const queue = uniqueName('tracing.q');
    const type = uniqueTaskType();
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
      await telemetry.shutdown();
    });
    const host = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
    });
    const handlerTraceIds: string[] = [];
    host.on(type, () => {
      handlerTraceIds.push(trace.getActiveSpan()?.spanContext().traceId ?? 'none');
    });
    await host.start();

    const traceId = await telemetry.tracer.startActiveSpan('POST /v1/orders', async (request) => {
      await bus.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n: 1 },
      });
      request.end();
      return request.spanContext().traceId;
    });
    await waitFor(() => host.stats.acked === 1, { timeoutMs: 5_000, what: 'the message handled' });
    await telemetry.flush();

    const spans = exporter.getFinishedSpans();
    const producer = spans.find(
      (span) => span.kind === SpanKind.PRODUCER && span.name === `publish ${Exchange.events}`,
    );
    const consumer = spans.find(
      (span) => span.kind === SpanKind.CONSUMER && span.name === `process ${queue}`,
    );
    expect(producer?.spanContext().traceId).toBe(traceId);
    expect(consumer?.spanContext().traceId).toBe(traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(consumer?.links[0]?.context.spanId).toBe(producer?.spanContext().spanId);
    expect(handlerTraceIds).toEqual([traceId]);
  });
});
