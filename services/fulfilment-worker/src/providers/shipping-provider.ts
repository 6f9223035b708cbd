// The carrier, as the workflow needs it; idempotent per key like every provider.
import type { OrderItem } from '@conveyor/contracts';

export interface ShipOrderRequest {
  /** `orderId:shipping` */
  idempotencyKey: string;
  tenantId: string;
  orderId: string;
  items: readonly OrderItem[];
  express: boolean;
  signal?: AbortSignal;
}

export interface CancelShipmentRequest {
  /** `orderId:shipping:undo` */
  idempotencyKey: string;
  /** The shipment's own key: cancel undoes whatever that call did, or makes sure it never will. */
  shipmentKey: string;
  tenantId: string;
  orderId: string;
  signal?: AbortSignal;
}

export interface ShippingProvider {
  /** Rejects with a PermanentError (e.g. UNDELIVERABLE) or a RetryableError (unavailable). */
  ship(request: ShipOrderRequest): Promise<{ shipmentId: string; trackingCode: string }>;
  /** `cancelled: false` when nothing had been shipped. */
  cancel(request: CancelShipmentRequest): Promise<{ cancelled: boolean }>;
}
