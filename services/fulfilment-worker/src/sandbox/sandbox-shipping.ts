// Sandbox carrier: shipments succeed unless an item's sku starts with `UNDELIVERABLE-`.
import { randomUUID } from 'node:crypto';
import type { ShippingProvider } from '../providers/shipping-provider.ts';
import { appliedResult, stringField } from './effect-result.ts';
import { anyItemStartsWith, sandboxSkuPrefix } from './sandbox-catalogue.ts';
import type { SandboxEffects } from './sandbox-effects.ts';
import { FulfilmentErrorCode } from '../fulfilment-error-codes.ts';

export const shippingOperations = { ship: 'shipping.ship', cancel: 'shipping.cancel' } as const;

export function sandboxShipping(effects: SandboxEffects): ShippingProvider {
  return {
    async ship({ idempotencyKey, tenantId, orderId, items, express, signal }) {
      const effect = await effects.once(
        {
          provider: 'shipping',
          operation: shippingOperations.ship,
          idempotencyKey,
          tenantId,
          orderId,
          items,
          signal,
        },
        () => {
          const refused = anyItemStartsWith(items, sandboxSkuPrefix.undeliverable);
          if (refused !== undefined) {
            return {
              outcome: 'rejected',
              error: { code: FulfilmentErrorCode.undeliverable, message: `${refused.sku} cannot be shipped` },
            };
          }
          const shipmentId = `shp_${randomUUID()}`;
          const trackingCode = `${express ? 'EXP' : 'STD'}-${shipmentId.slice(4, 16).toUpperCase()}`;
          return { outcome: 'applied', result: { shipmentId, trackingCode } };
        },
      );
      const result = appliedResult(effect);
      return {
        shipmentId: stringField(result, 'shipmentId'),
        trackingCode: stringField(result, 'trackingCode'),
      };
    },
    async cancel({ idempotencyKey, shipmentKey, tenantId, orderId, signal }) {
      const cancelled = await effects.undo(
        {
          provider: 'shipping',
          operation: shippingOperations.cancel,
          idempotencyKey,
          tenantId,
          orderId,
          signal,
        },
        { operation: shippingOperations.ship, idempotencyKey: shipmentKey },
      );
      return { cancelled };
    },
  };
}
