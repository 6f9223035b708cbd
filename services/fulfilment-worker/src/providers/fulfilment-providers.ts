import type { InventoryProvider } from './inventory-provider.ts';
import type { PaymentProvider } from './payment-provider.ts';
import type { PriceList } from './price-list.ts';
import type { ShippingProvider } from './shipping-provider.ts';

/** The external systems the workflow talks to; the sandbox implements them all for the demo and tests. */
export interface FulfilmentProviders {
  inventory: InventoryProvider;
  payment: PaymentProvider;
  shipping: ShippingProvider;
  prices: PriceList;
}
