import { context, propagation, trace } from '@opentelemetry/api';
import type { DestinationStream } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './create-logger.ts';

const gatewayEntry = '/app/services/gateway/src/main.ts';

function captureLogger(): {
  logger: ReturnType<typeof createLogger>;
  lines: { level: string; msg: string }[];
} {
  const lines: { level: string; msg: string }[] = [];
  const destination: DestinationStream = {
    write(chunk: string) {
      for (const line of chunk.split('\n'))
        if (line !== '') lines.push(JSON.parse(line) as (typeof lines)[0]);
    },
  };
  return { logger: createLogger({ name: 'gateway', level: 'info', destination }), lines };
}

describe('the process telemetry', () => {
  let module: typeof import('./process-telemetry.ts') & typeof import('./start-process-telemetry.ts');

  beforeEach(async () => {
    // process-sdk.ts holds the process's one SDK: each test gets fresh copies of the modules.
    vi.resetModules();
    module = {
      ...(await import('./process-telemetry.ts')),
      ...(await import('./start-process-telemetry.ts')),
    };
  });

  afterEach(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('gives a service started without the preload a tracer that records nothing, and says so', async () => {
    const { logger, lines } = captureLogger();

    const telemetry = module.processTelemetry('gateway', logger);

    const span = telemetry.tracer.startSpan('work');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('warn');
    expect(lines[0]?.msg).toContain('--import @conveyor/telemetry/preload');
    await telemetry.shutdown();
  });

  it('hands out a tracer of the SDK the preload started, its flush, and one shutdown', async () => {
    const { logger, lines } = captureLogger();
    module.startProcessTelemetry({}, gatewayEntry);

    const telemetry = module.processTelemetry('gateway', logger);

    telemetry.tracer.startActiveSpan('work', (span) => {
      expect(span.isRecording()).toBe(true);
      expect(trace.getActiveSpan()).toBe(span);
      span.end();
    });
    await telemetry.flush();
    const shutdown = telemetry.shutdown();
    expect(telemetry.shutdown()).toBe(shutdown);
    await shutdown;
    expect(lines).toEqual([]);
  });

  it('refuses to start a second SDK in the same process', async () => {
    const { TelemetryAlreadyStartedError } = await import('./telemetry-already-started-error.ts');
    module.startProcessTelemetry({}, gatewayEntry);

    expect(() => module.startProcessTelemetry({}, gatewayEntry)).toThrow(TelemetryAlreadyStartedError);
  });
});
