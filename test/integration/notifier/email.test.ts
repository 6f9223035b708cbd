import { afterEach, describe, expect, it } from 'vitest';
import { orderCompensated, orderPaymentCaptured, orderShipped } from '@conveyor/contracts';
import { uniqueName, waitFor } from '../../support/index.ts';
import { compensated, paymentCaptured, shipped, startNotifierRig } from './notifier-fixture.ts';

describe('notifier e-mail', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("sends one order-confirmed e-mail to the order's address, with a Message-ID derived from the event", async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    const [mail] = await rig.smtp.waitForMessages(1);
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the event acked', timeoutMs: 5_000 });

    expect(rig.smtp.messages).toHaveLength(1);
    expect(mail?.messageId).toBe(`<${orderId}.confirmed@conveyor.local>`);
    expect(mail?.to).toEqual(['ada@example.com']);
    expect(mail?.envelopeTo).toEqual(['ada@example.com']);
    expect(mail?.from).toEqual(['orders@conveyor.local']);
    expect(mail?.subject).toBe(`Order ${orderId} confirmed`);
    expect(mail?.text).toContain('2 × BOOK-1');
    const record = await rig.notification(`email:${orderId}:confirmed`);
    expect(record).toMatchObject({ state: 'sent', tenantId: rig.tenantId, orderId, attempt: 1 });
    expect(rig.notifier.stats.deadLettered).toBe(0);
  });

  it('sends nothing again when the same event is delivered again under the same messageId', async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    const body = paymentCaptured(orderId, rig.tenantId);

    const messageId = await rig.publish(orderPaymentCaptured, body);
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the first copy acked', timeoutMs: 5_000 });
    await rig.publish(orderPaymentCaptured, body, messageId);
    await waitFor(() => rig.notifier.stats.acked === 2, { what: 'the second copy acked', timeoutMs: 5_000 });

    expect(rig.notifier.stats.duplicatesSkipped).toBe(1);
    expect(rig.smtp.messages).toHaveLength(1);
  });

  it('sends nothing again when the same order event arrives under a new messageId', async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    const body = paymentCaptured(orderId, rig.tenantId);

    await rig.publish(orderPaymentCaptured, body);
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the first event acked', timeoutMs: 5_000 });
    await rig.publish(orderPaymentCaptured, body);
    await waitFor(() => rig.notifier.stats.acked === 2, {
      what: 'the re-published event acked',
      timeoutMs: 5_000,
    });

    // The inbox saw two messages; the notification record stopped the second send.
    expect(rig.notifier.stats.duplicatesSkipped).toBe(0);
    expect(rig.notifier.stats.retried).toBe(0);
    expect(rig.smtp.messages).toHaveLength(1);
    expect(rig.smtp.messages[0]?.messageId).toBe(`<${orderId}.confirmed@conveyor.local>`);
  });

  it('sends one e-mail per kind of event for the same order', async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await rig.publish(orderShipped, shipped(orderId, rig.tenantId));
    await rig.publish(orderCompensated, compensated(orderId, rig.tenantId));
    const mails = await rig.smtp.waitForMessages(3);

    expect(mails.map((mail) => mail.messageId).sort()).toEqual([
      `<${orderId}.confirmed@conveyor.local>`,
      `<${orderId}.failed@conveyor.local>`,
      `<${orderId}.shipped@conveyor.local>`,
    ]);
    const shippedMail = mails.find((mail) => mail.messageId === `<${orderId}.shipped@conveyor.local>`);
    expect(shippedMail?.text).toContain('TRACK-123');
    const failedMail = mails.find((mail) => mail.messageId === `<${orderId}.failed@conveyor.local>`);
    expect(failedMail?.text).not.toContain('card declined');
  });

  it('retries while the order is not written yet, then sends', async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await waitFor(() => rig.notifier.stats.retried >= 1, {
      what: 'a retry for the missing order',
      timeoutMs: 5_000,
    });
    expect(rig.smtp.messages).toHaveLength(0);
    await rig.insertOrder({ orderId, email: 'late@example.com' });

    const [mail] = await rig.smtp.waitForMessages(1);
    expect(mail?.to).toEqual(['late@example.com']);
    expect(rig.notifier.stats.deadLettered).toBe(0);
  });

  it("never reads another tenant's order", async () => {
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, 'some-other-tenant'));
    await waitFor(() => rig.notifier.stats.retried >= 1, { what: 'the event retried', timeoutMs: 5_000 });

    expect(rig.smtp.messages).toHaveLength(0);
    expect(await rig.notification(`email:${orderId}:confirmed`)).toBeNull();
  });
});
