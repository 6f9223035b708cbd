import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry } from '@conveyor/telemetry';
import { startOtlpReceiver, type OtlpReceiver } from './index.ts';

describe('OTLP receiver', () => {
  let receiver: OtlpReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
  });

  it('receives the spans a service exports over OTLP/HTTP, with their service and trace ids', async () => {
    receiver = await startOtlpReceiver();
    const telemetry = startTelemetry({ serviceName: 'otlp-receiver-test', otlpEndpoint: receiver.endpoint });
    const traceId = telemetry.tracer.startActiveSpan('unit of work', (span) => {
      span.setAttribute('conveyor.attempt', 2);
      span.end();
      return span.spanContext().traceId;
    });
    await telemetry.shutdown();
    expect(receiver.spans).toEqual([
      expect.objectContaining({
        service: 'otlp-receiver-test',
        traceId,
        name: 'unit of work',
        attributes: { 'conveyor.attempt': 2 },
      }),
    ]);
  });
});
