// Every provider the workflow needs, backed by the sandbox's MongoDB memory (collection
// `sandbox_effects` of the given store) and misbehaving as `behaviour` says.
import type { Store } from '@conveyor/store';
import type { FulfilmentProviders } from '../providers/fulfilment-providers.ts';
import type { SandboxBehaviour } from './sandbox-behaviour.ts';
import { sandboxUnitPriceCents } from './sandbox-catalogue.ts';
import { createSandboxEffects } from './sandbox-effects.ts';
import { sandboxInventory } from './sandbox-inventory.ts';
import { sandboxPayment } from './sandbox-payment.ts';
import { sandboxShipping } from './sandbox-shipping.ts';

export function createSandboxProviders(store: Store, behaviour: SandboxBehaviour): FulfilmentProviders {
  const effects = createSandboxEffects(store, behaviour);
  return {
    inventory: sandboxInventory(effects),
    payment: sandboxPayment(effects),
    shipping: sandboxShipping(effects),
    prices: { unitPriceCents: (_tenantId, sku) => Promise.resolve(sandboxUnitPriceCents(sku)) },
  };
}
