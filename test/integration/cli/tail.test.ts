import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { orderProgressEvent, orderProgressSubject } from '@conveyor/contracts';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { pino } from 'pino';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { startConveyor } from './conveyor-process.ts';

describe('conveyor tail', () => {
  let events: EventsClient | undefined;
  afterEach(async () => {
    await events?.close();
  });

  it("prints a tenant's live progress events as JSON lines until Ctrl-C, then exits 0", async () => {
    events = await connectEvents({
      servers: serverUrls().natsUrl,
      name: uniqueName('cli-tail-test'),
      logger: pino({ level: 'silent' }),
      tracer: trace.getTracer('cli-tail-test'),
    });
    const tenant = uniqueName('tail');
    const tailing = startConveyor(['tail', '--tenant', tenant, '--json']);
    await waitFor(() => tailing.output().stderr.includes('listening on'), { what: 'tail subscribed' });

    const publish = (tenantId: string, orderId: string) =>
      events?.publish(orderProgressSubject(tenantId, orderId), orderProgressEvent, {
        orderId,
        tenantId,
        sequence: 2,
        status: 'in_progress',
        step: 'reserve',
        at: new Date().toISOString(),
      });
    publish(uniqueName('other-tenant'), 'ord_elsewhere');
    publish(tenant, 'ord_tailed');
    await waitFor(() => tailing.output().stdout.includes('ord_tailed'), { what: 'the event printed' });
    tailing.kill('SIGINT');
    const run = await tailing.exited;

    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ orderId: 'ord_tailed', tenantId: tenant, step: 'reserve' }),
    ]);
  });
});
