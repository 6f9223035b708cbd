// Sandbox payments: captures succeed unless an item's sku starts with `DECLINE-` (card declined).
import { randomUUID } from 'node:crypto';
import type { PaymentProvider } from '../providers/payment-provider.ts';
import { appliedResult, numberField, stringField } from './effect-result.ts';
import { anyItemStartsWith, sandboxSkuPrefix } from './sandbox-catalogue.ts';
import type { SandboxEffects } from './sandbox-effects.ts';
import { FulfilmentErrorCode } from '../fulfilment-error-codes.ts';

export const paymentOperations = { capture: 'payment.capture', refund: 'payment.refund' } as const;

export function sandboxPayment(effects: SandboxEffects): PaymentProvider {
  return {
    async capture({ idempotencyKey, tenantId, orderId, amountCents, items, signal }) {
      const effect = await effects.once(
        {
          provider: 'payment',
          operation: paymentOperations.capture,
          idempotencyKey,
          tenantId,
          orderId,
          items,
          signal,
        },
        () =>
          anyItemStartsWith(items, sandboxSkuPrefix.declined) === undefined
            ? { outcome: 'applied', result: { paymentId: `pay_${randomUUID()}`, amountCents } }
            : {
                outcome: 'rejected',
                error: { code: FulfilmentErrorCode.cardDeclined, message: 'the card was declined' },
              },
      );
      const result = appliedResult(effect);
      return { paymentId: stringField(result, 'paymentId'), amountCents: numberField(result, 'amountCents') };
    },
    async refund({ idempotencyKey, captureKey, tenantId, orderId, signal }) {
      const refunded = await effects.undo(
        {
          provider: 'payment',
          operation: paymentOperations.refund,
          idempotencyKey,
          tenantId,
          orderId,
          signal,
        },
        { operation: paymentOperations.capture, idempotencyKey: captureKey },
      );
      return { refunded };
    },
  };
}
