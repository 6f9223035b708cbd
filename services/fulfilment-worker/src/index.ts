// The service as a library, for main.ts and in-process tests: its start function, its provider
// interfaces and the sandbox that implements them.
export { startFulfilmentWorker, type FulfilmentWorker, type FulfilmentWorkerOptions } from './service.ts';
export { defaultQueueNames } from './topology.ts';
export type { FulfilmentProviders } from './providers/fulfilment-providers.ts';
export type {
  InventoryProvider,
  ReserveStockRequest,
  ReleaseStockRequest,
  AvailabilityRequest,
} from './providers/inventory-provider.ts';
export type {
  PaymentProvider,
  CapturePaymentRequest,
  RefundPaymentRequest,
} from './providers/payment-provider.ts';
export type {
  ShippingProvider,
  ShipOrderRequest,
  CancelShipmentRequest,
} from './providers/shipping-provider.ts';
export type { PriceList } from './providers/price-list.ts';
export { ProviderRejectedError } from './providers/errors/provider-rejected-error.ts';
export { ProviderUnavailableError } from './providers/errors/provider-unavailable-error.ts';
export { createSandboxProviders, ensureSandboxIndexes } from './sandbox/sandbox-providers.ts';
export { calmSandbox, type SandboxBehaviour, type SandboxProviderName } from './sandbox/sandbox-behaviour.ts';
export { sandboxSkuPrefix, sandboxStock, sandboxUnitPriceCents } from './sandbox/sandbox-catalogue.ts';
export { sandboxEffectsCollection, type SandboxEffect } from './sandbox/sandbox-effects.ts';
export { sandboxEffectLogCollection, type SandboxEffectLogEntry } from './sandbox/sandbox-effect-log.ts';
export {
  sandboxFaultSkuPrefix,
  sandboxFaultsCollection,
  SandboxPoisonError,
} from './sandbox/sandbox-faults.ts';
export { inventoryOperations } from './sandbox/sandbox-inventory.ts';
export { paymentOperations } from './sandbox/sandbox-payment.ts';
export { shippingOperations } from './sandbox/sandbox-shipping.ts';
export { fulfilmentWorkerEnv, readConfig, type FulfilmentWorkerConfig } from './config.ts';
export { FulfilmentErrorCode } from './fulfilment-error-codes.ts';
