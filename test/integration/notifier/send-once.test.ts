import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { orderPaymentCaptured } from '@conveyor/contracts';
import type { NotificationRecord } from '@conveyor/notifier';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { startOutageProxy } from '../store/outage-proxy.ts';
import { paymentCaptured, startNotifierRig } from './notifier-fixture.ts';

describe('notifier send-once records', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function sendingRecord(orderId: string, tenantId: string, leaseUntil: Date): NotificationRecord {
    const createdAt = new Date(Date.now() - 60_000);
    return {
      _id: `email:${orderId}:confirmed`,
      channel: 'email',
      kind: 'confirmed',
      tenantId,
      orderId,
      state: 'sending',
      attempt: 1,
      holder: 'a-delivery-elsewhere',
      leaseUntil,
      createdAt,
      updatedAt: createdAt,
      sentAt: null,
      detail: null,
    };
  }

  it('records a send whose sent mark met a database outage once the database is back, and sends it once', async () => {
    const proxy = await startOutageProxy(serverUrls().mongoUrl);
    cleanups.push(() => proxy.close());
    let outage: Promise<void> | undefined;
    const rig = await startNotifierRig(cleanups, {
      mongoUrl: proxy.url,
      serverSelectionTimeoutMs: 300,
      smtp: {
        // The database goes away as the peer accepts the mail, before the notifier records it sent.
        onMessage: () => {
          outage ??= proxy
            .cut()
            .then(() => sleep(1_000))
            .then(() => proxy.resume());
        },
      },
    });
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the event acked', timeoutMs: 15_000 });

    await outage;
    expect(rig.smtp.messages).toHaveLength(1);
    expect(rig.notifier.stats.retried).toBe(0);
    expect(await rig.notification(`email:${orderId}:confirmed`)).toMatchObject({ state: 'sent', attempt: 1 });
  });

  it('records, and does not send again, a mail whose sent mark waited past the handler deadline for the database', async () => {
    const proxy = await startOutageProxy(serverUrls().mongoUrl);
    cleanups.push(() => proxy.close());
    let outage: Promise<void> | undefined;
    const rig = await startNotifierRig(cleanups, {
      mongoUrl: proxy.url,
      serverSelectionTimeoutMs: 300,
      smtp: {
        // Away for longer than the handler's 5 s deadline: the delivery is retried meanwhile.
        onMessage: () => {
          outage ??= proxy
            .cut()
            .then(() => sleep(7_000))
            .then(() => proxy.resume());
        },
      },
    });
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    // Acked twice: the first delivery when its deadline sent it to a retry tier, then the retry.
    await waitFor(() => rig.notifier.stats.acked === 2, { what: 'the retry acked', timeoutMs: 25_000 });

    await outage;
    expect(rig.notifier.stats.retried).toBe(1);
    expect(rig.smtp.messages).toHaveLength(1);
    expect(await rig.notification(`email:${orderId}:confirmed`)).toMatchObject({ state: 'sent' });
  }, 40_000);

  it('takes over a send whose sender died, and re-sends under the same Message-ID', async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.insertNotification(sendingRecord(orderId, rig.tenantId, new Date(Date.now() - 1_000)));

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    const [mail] = await rig.smtp.waitForMessages(1);
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the event acked', timeoutMs: 5_000 });

    expect(mail?.messageId).toBe(`<${orderId}.confirmed@conveyor.local>`);
    expect(await rig.notification(`email:${orderId}:confirmed`)).toMatchObject({ state: 'sent', attempt: 2 });
    expect(
      await rig.store.db
        .collection('notification_takeovers')
        .countDocuments({ notificationId: `email:${orderId}:confirmed` }),
    ).toBe(1);
  });

  it('leaves a send that another live delivery holds alone, and retries later', async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.insertNotification(sendingRecord(orderId, rig.tenantId, new Date(Date.now() + 60_000)));

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await waitFor(() => rig.notifier.stats.retried >= 1, { what: 'the event retried', timeoutMs: 5_000 });

    expect(rig.smtp.messages).toHaveLength(0);
    expect(await rig.notification(`email:${orderId}:confirmed`)).toMatchObject({
      state: 'sending',
      holder: 'a-delivery-elsewhere',
    });
  });

  it('dead-letters an event whose recipient the mail server refuses for good, and records why', async () => {
    const rig = await startNotifierRig(cleanups, { smtp: { rejectRecipient: () => 550 } });
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'gone@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await waitFor(() => rig.notifier.stats.deadLettered === 1, {
      what: 'the event dead-lettered',
      timeoutMs: 5_000,
    });

    expect(rig.notifier.stats.retried).toBe(0);
    expect(rig.smtp.messages).toHaveLength(0);
    const record = await rig.notification(`email:${orderId}:confirmed`);
    expect(record?.state).toBe('failed');
    expect(record?.detail).toContain('550');
  });

  it('retries an e-mail the mail server defers (4xx)', async () => {
    let calls = 0;
    const rig = await startNotifierRig(cleanups, {
      smtp: { rejectRecipient: () => (++calls === 1 ? 451 : undefined) },
    });
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    const [mail] = await rig.smtp.waitForMessages(1);

    expect(rig.notifier.stats.retried).toBe(1);
    expect(mail?.messageId).toBe(`<${orderId}.confirmed@conveyor.local>`);
  });
});
