// An order's recipient (address and items) never changes once the order is placed, and each order is
// announced two or three times (confirmed, shipped, completed), so each is read once per process
// while it stays among the `maxOrders` most recently read.
import type { FindOrderRecipient, OrderRecipient } from './find-order-recipient.ts';

export function cachedOrderRecipients(find: FindOrderRecipient, maxOrders = 10_000): FindOrderRecipient {
  const cached = new Map<string, OrderRecipient>();
  return async (ref) => {
    const key = `${ref.tenantId}\u001f${ref.orderId}`;
    const hit = cached.get(key);
    if (hit !== undefined) {
      // Map order is recency order: re-inserting moves it to the end.
      cached.delete(key);
      cached.set(key, hit);
      return hit;
    }
    const recipient = await find(ref);
    cached.set(key, recipient);
    if (cached.size > maxOrders) {
      const oldest = cached.keys().next();
      if (oldest.done !== true) cached.delete(oldest.value);
    }
    return recipient;
  };
}
