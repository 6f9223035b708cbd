// Sandbox stock: reservations succeed unless an item is out of stock (sku `OOS-…`); stock levels are
// fixed per sku, so a reservation is a recorded effect rather than a decrement.
import { randomUUID } from 'node:crypto';
import type { InventoryProvider } from '../providers/inventory-provider.ts';
import { appliedResult, stringField } from './effect-result.ts';
import { sandboxStock } from './sandbox-catalogue.ts';
import type { SandboxEffects } from './sandbox-effects.ts';
import { FulfilmentErrorCode } from '../fulfilment-error-codes.ts';

export const inventoryOperations = { reserve: 'inventory.reserve', release: 'inventory.release' } as const;

export function sandboxInventory(effects: SandboxEffects): InventoryProvider {
  return {
    async reserve({ idempotencyKey, tenantId, orderId, items, signal }) {
      const effect = await effects.once(
        {
          provider: 'inventory',
          operation: inventoryOperations.reserve,
          idempotencyKey,
          tenantId,
          orderId,
          items,
          signal,
        },
        () => {
          const short = items.find((item) => item.qty > sandboxStock(item.sku));
          return short === undefined
            ? { outcome: 'applied', result: { reservationId: `res_${randomUUID()}` } }
            : {
                outcome: 'rejected',
                error: { code: FulfilmentErrorCode.outOfStock, message: `${short.sku} is out of stock` },
              };
        },
      );
      return { reservationId: stringField(appliedResult(effect), 'reservationId') };
    },
    async release({ idempotencyKey, reservationKey, tenantId, orderId, signal }) {
      const released = await effects.undo(
        {
          provider: 'inventory',
          operation: inventoryOperations.release,
          idempotencyKey,
          tenantId,
          orderId,
          signal,
        },
        { operation: inventoryOperations.reserve, idempotencyKey: reservationKey },
      );
      return { released };
    },
    available({ sku, qty, signal }) {
      signal?.throwIfAborted();
      return Promise.resolve(qty <= sandboxStock(sku));
    },
  };
}
