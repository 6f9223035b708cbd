import { afterEach, describe, expect, it } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { orderShipped } from '@conveyor/contracts';
import { startTelemetry } from '@conveyor/telemetry';
import { uniqueName, waitFor } from '../../support/index.ts';
import { shipped, startNotifierRig } from './notifier-fixture.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

describe('notifier tracing', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('puts the SMTP send and the webhook call in CLIENT spans under the consumer span', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'notifier-tracing-test', exporter });
    cleanups.push(() => telemetry.shutdown());
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const rig = await startNotifierRig(cleanups, { tracer: telemetry.tracer });
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.setWebhook(receiver.url, 'whsec_dGVzdC1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWY=');

    await rig.publish(orderShipped, shipped(orderId, rig.tenantId));
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the event acked', timeoutMs: 5_000 });
    await telemetry.flush();

    const spans = exporter.getFinishedSpans();
    const consumer = spans.find(
      (span) => span.kind === SpanKind.CONSUMER && span.name === `process ${rig.notifier.queue}`,
    );
    const smtp = spans.find((span) => span.kind === SpanKind.CLIENT && span.name === 'smtp send');
    const webhook = spans.find((span) => span.kind === SpanKind.CLIENT && span.name === 'POST');
    expect(consumer).toBeDefined();
    for (const client of [smtp, webhook]) {
      expect(client?.spanContext().traceId).toBe(consumer?.spanContext().traceId);
      expect(client?.parentSpanContext?.spanId).toBe(consumer?.spanContext().spanId);
    }
    expect(smtp?.attributes['conveyor.email.message_id']).toBe(`<${orderId}.shipped@conveyor.local>`);
    expect(webhook?.attributes['http.response.status_code']).toBe(204);
    expect(webhook?.attributes['url.full']).not.toContain('token');
  });
});
