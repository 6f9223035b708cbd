// The sandbox's products: deterministic stock and prices, and the sku conventions that let a demo or a
// test force an outcome:
//   OOS-…            out of stock: reserve fails for good (OUT_OF_STOCK), quotes say unavailable
//   DECLINE-…        the card is declined: payment fails for good (CARD_DECLINED)
//   UNDELIVERABLE-…  the carrier refuses it: shipping fails for good (UNDELIVERABLE)
import { createHash } from 'node:crypto';
import type { OrderItem } from '@conveyor/contracts';

export const sandboxSkuPrefix = {
  outOfStock: 'OOS-',
  declined: 'DECLINE-',
  undeliverable: 'UNDELIVERABLE-',
} as const;

const stockPerSku = 1_000;

export function sandboxStock(sku: string): number {
  return sku.startsWith(sandboxSkuPrefix.outOfStock) ? 0 : stockPerSku;
}

/** Between 1.00 and 99.99, fixed per sku (the same on every run and instance). */
export function sandboxUnitPriceCents(sku: string): number {
  const digest = createHash('sha256').update(sku).digest();
  return 100 + (digest.readUInt32BE(0) % 9_900);
}

export function anyItemStartsWith(items: readonly OrderItem[], prefix: string): OrderItem | undefined {
  return items.find((item) => item.sku.startsWith(prefix));
}
