import { describe, expect, it } from 'vitest';
import { cachedOrderRecipients } from './cached-order-recipients.ts';
import type { OrderRef, OrderRecipient } from './find-order-recipient.ts';

function recipientFinder() {
  const reads: OrderRef[] = [];
  const find = (ref: OrderRef): Promise<OrderRecipient> => {
    reads.push(ref);
    return Promise.resolve({
      _id: ref.orderId,
      tenantId: ref.tenantId,
      email: 'customer@example.test',
      items: [{ sku: 'WIDGET-1', qty: 1 }],
    });
  };
  return { reads, find };
}

describe('cached order recipients', () => {
  it('reads an order once however often it is announced', async () => {
    const finder = recipientFinder();
    const find = cachedOrderRecipients(finder.find);

    const first = await find({ tenantId: 'acme', orderId: 'o-1' });
    const again = await find({ tenantId: 'acme', orderId: 'o-1' });

    expect(again).toEqual(first);
    expect(finder.reads).toHaveLength(1);
  });

  it('keeps tenants apart: the same order id of another tenant is read', async () => {
    const finder = recipientFinder();
    const find = cachedOrderRecipients(finder.find);

    await find({ tenantId: 'acme', orderId: 'o-1' });
    await find({ tenantId: 'globex', orderId: 'o-1' });

    expect(finder.reads.map((ref) => ref.tenantId)).toEqual(['acme', 'globex']);
  });

  it('does not remember an order it could not read', async () => {
    let fail = true;
    const reads: OrderRef[] = [];
    const find = cachedOrderRecipients((ref) => {
      reads.push(ref);
      if (fail) return Promise.reject(new Error('not found yet'));
      return Promise.resolve({
        _id: ref.orderId,
        tenantId: ref.tenantId,
        email: 'c@example.test',
        items: [],
      });
    });

    await expect(find({ tenantId: 'acme', orderId: 'o-1' })).rejects.toThrow('not found yet');
    fail = false;
    await find({ tenantId: 'acme', orderId: 'o-1' });
    expect(reads).toHaveLength(2);
  });

  it('forgets the least recently read order beyond its size', async () => {
    const finder = recipientFinder();
    const find = cachedOrderRecipients(finder.find, 2);

    await find({ tenantId: 'acme', orderId: 'a' });
    await find({ tenantId: 'acme', orderId: 'b' });
    await find({ tenantId: 'acme', orderId: 'a' });
    await find({ tenantId: 'acme', orderId: 'c' });
    await find({ tenantId: 'acme', orderId: 'a' });
    await find({ tenantId: 'acme', orderId: 'b' });

    expect(finder.reads.map((ref) => ref.orderId)).toEqual(['a', 'b', 'c', 'b']);
  });
});
