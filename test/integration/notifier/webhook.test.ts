import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { orderPaymentCaptured, orderShipped } from '@conveyor/contracts';
import { uniqueName, waitFor } from '../../support/index.ts';
import { paymentCaptured, shipped, startNotifierRig } from './notifier-fixture.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

describe('notifier webhooks', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const secret = 'whsec_dGVzdC1zZWNyZXQtMDEyMzQ1Njc4OS1hYmNkZWY=';
  const nextSecret = 'whsec_bmV4dC1zZWNyZXQtcm90YXRlZC1pbi0wMTIzNDU2Nzg=';

  /** What a receiver does with the standardwebhooks library: throws unless a signature verifies. */
  const verifiedBy = (
    key: string,
    request: { rawBody: string; headers: Record<string, unknown> } | undefined,
  ) =>
    new Webhook(key).verify(request?.rawBody ?? '', {
      'webhook-id': String(request?.headers['webhook-id']),
      'webhook-timestamp': String(request?.headers['webhook-timestamp']),
      'webhook-signature': String(request?.headers['webhook-signature']),
    });

  it('signs the Standard Webhooks way (verified by the standardwebhooks library) and names the event in webhook-id', async () => {
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.setWebhook(receiver.url, secret);

    await rig.publish(orderShipped, shipped(orderId, rig.tenantId));
    const [request] = await receiver.waitForRequests(1);
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the event acked', timeoutMs: 5_000 });

    expect(request?.method).toBe('POST');
    expect(verifiedBy(secret, request)).toEqual(JSON.parse(request?.rawBody ?? ''));
    expect(() => verifiedBy(nextSecret, request)).toThrow('No matching signature found');
    expect(request?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(request?.headers['webhook-id']).toBe(`webhook:${orderId}:shipped`);
    expect(request?.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.rawBody ?? '{}')).toEqual({
      id: `webhook:${orderId}:shipped`,
      type: 'order.shipped.v1',
      kind: 'shipped',
      data: shipped(orderId, rig.tenantId),
    });
    expect(await rig.notification(`webhook:${orderId}:shipped`)).toMatchObject({
      state: 'sent',
      detail: 'HTTP 204',
    });
    // The customer's e-mail goes out beside the tenant's webhook.
    expect(rig.smtp.messages.map((mail) => mail.messageId)).toEqual([`<${orderId}.shipped@conveyor.local>`]);
  });

  it('retries a webhook answered with 500 and delivers it once the endpoint recovers', async () => {
    const receiver = await startWebhookReceiver((n) => (n === 1 ? 500 : 204));
    cleanups.push(() => receiver.close());
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.setWebhook(receiver.url, secret);

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    const [failed, delivered] = await receiver.waitForRequests(2);
    await waitFor(() => rig.notifier.stats.acked === 2, { what: 'the retry acked', timeoutMs: 5_000 });

    expect(rig.notifier.stats.retried).toBe(1);
    expect(rig.notifier.stats.deadLettered).toBe(0);
    expect(receiver.requests).toHaveLength(2);
    // The same event, byte for byte: receivers de-duplicate by its id.
    expect(delivered?.headers['webhook-id']).toBe(failed?.headers['webhook-id']);
    expect(delivered?.rawBody).toBe(failed?.rawBody);
    expect(await rig.notification(`webhook:${orderId}:confirmed`)).toMatchObject({
      state: 'sent',
      attempt: 2,
    });
    // The e-mail was sent on the first attempt and not again on the retry.
    expect(rig.smtp.messages).toHaveLength(1);
  });

  it('dead-letters an event whose webhook is refused with 4xx, and still sends the e-mail', async () => {
    const receiver = await startWebhookReceiver(() => 410);
    cleanups.push(() => receiver.close());
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.setWebhook(receiver.url, secret);

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await waitFor(() => rig.notifier.stats.deadLettered === 1, {
      what: 'the event dead-lettered',
      timeoutMs: 5_000,
    });

    expect(receiver.requests).toHaveLength(1);
    expect(rig.notifier.stats.retried).toBe(0);
    const record = await rig.notification(`webhook:${orderId}:confirmed`);
    expect(record?.state).toBe('failed');
    expect(record?.detail).toContain('HTTP 410');
    expect(rig.smtp.messages).toHaveLength(1);
  });

  it('sends no webhook for a tenant without webhook settings', async () => {
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });

    await rig.publish(orderPaymentCaptured, paymentCaptured(orderId, rig.tenantId));
    await rig.smtp.waitForMessages(1);
    await waitFor(() => rig.notifier.stats.acked === 1, { what: 'the event acked', timeoutMs: 5_000 });

    expect(receiver.requests).toHaveLength(0);
    expect(await rig.notification(`webhook:${orderId}:confirmed`)).toBeNull();
  });

  it('signs with every active secret during a rotation: receivers holding either secret accept it', async () => {
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const rig = await startNotifierRig(cleanups);
    const orderId = uniqueName('order');
    await rig.insertOrder({ orderId, email: 'ada@example.com' });
    await rig.setWebhook(receiver.url, [secret, nextSecret]);

    await rig.publish(orderShipped, shipped(orderId, rig.tenantId));
    const [request] = await receiver.waitForRequests(1);

    expect(String(request?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiedBy(secret, request)).toMatchObject({ id: `webhook:${orderId}:shipped` });
    expect(verifiedBy(nextSecret, request)).toMatchObject({ id: `webhook:${orderId}:shipped` });
  });
});
