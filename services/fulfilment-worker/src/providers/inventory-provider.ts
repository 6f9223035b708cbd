// The stock system, as the workflow needs it. Every call that changes something carries an
// idempotency key: the same key always returns the first call's outcome and never applies twice.
import type { OrderItem } from '@conveyor/contracts';

export interface ReserveStockRequest {
  /** `orderId:reserve` */
  idempotencyKey: string;
  tenantId: string;
  orderId: string;
  items: readonly OrderItem[];
  signal?: AbortSignal;
}

export interface ReleaseStockRequest {
  /** `orderId:reserve:undo` */
  idempotencyKey: string;
  /** The reservation's own key: release undoes whatever that call did, or makes sure it never will. */
  reservationKey: string;
  tenantId: string;
  orderId: string;
  signal?: AbortSignal;
}

export interface AvailabilityRequest {
  tenantId: string;
  sku: string;
  qty: number;
  signal?: AbortSignal;
}

export interface InventoryProvider {
  /** Rejects with a PermanentError (e.g. OUT_OF_STOCK) or a RetryableError (unavailable). */
  reserve(request: ReserveStockRequest): Promise<{ reservationId: string }>;
  /** `released: false` when the reservation never took effect (nothing to give back). */
  release(request: ReleaseStockRequest): Promise<{ released: boolean }>;
  available(request: AvailabilityRequest): Promise<boolean>;
}
