// The payment system, as the workflow needs it; idempotent per key like every provider.
import type { OrderItem } from '@conveyor/contracts';

export interface CapturePaymentRequest {
  /** `orderId:payment` */
  idempotencyKey: string;
  tenantId: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  items: readonly OrderItem[];
  signal?: AbortSignal;
}

export interface RefundPaymentRequest {
  /** `orderId:payment:undo` */
  idempotencyKey: string;
  /** The capture's own key: refund undoes whatever that call did, or makes sure it never will. */
  captureKey: string;
  tenantId: string;
  orderId: string;
  signal?: AbortSignal;
}

export interface PaymentProvider {
  /** Rejects with a PermanentError (e.g. CARD_DECLINED) or a RetryableError (unavailable). */
  capture(request: CapturePaymentRequest): Promise<{ paymentId: string; amountCents: number }>;
  /** `refunded: false` when nothing had been captured. */
  refund(request: RefundPaymentRequest): Promise<{ refunded: boolean }>;
}
