// Every provider the workflow needs, backed by the sandbox's MongoDB memory (collection
// `sandbox_effects` of the given store, and the append-only `sandbox_effect_log` of applied effects)
// and misbehaving as `behaviour` says (fault skus included).
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { FulfilmentProviders } from '../providers/fulfilment-providers.ts';
import type { SandboxBehaviour } from './sandbox-behaviour.ts';
import { sandboxUnitPriceCents } from './sandbox-catalogue.ts';
import { sandboxEffectLogCollection } from './sandbox-effect-log.ts';
import { createInMemorySandboxEffects } from './in-memory-sandbox-effects.ts';
import { createSandboxEffects, sandboxEffectsCollection } from './sandbox-effects.ts';
import { createSandboxFaults, noSandboxFaults, sandboxFaultsCollection } from './sandbox-faults.ts';
import { sandboxInventory } from './sandbox-inventory.ts';
import { sandboxPayment } from './sandbox-payment.ts';
import { sandboxShipping } from './sandbox-shipping.ts';

/** Where the sandbox keeps its records: `database` (shared by every worker, audited) or `memory`. */
export type SandboxMemory = 'database' | 'memory';

export function createSandboxProviders(
  store: Store,
  behaviour: SandboxBehaviour,
  memory: SandboxMemory = 'database',
): FulfilmentProviders {
  const faults =
    behaviour.faultSkus === true
      ? createSandboxFaults(store, { crash: behaviour.crash, slowCallMs: behaviour.slowCallMs })
      : noSandboxFaults;
  const effects =
    memory === 'memory'
      ? createInMemorySandboxEffects(behaviour, faults)
      : createSandboxEffects(store, behaviour, faults);
  return {
    inventory: sandboxInventory(effects),
    payment: sandboxPayment(effects),
    shipping: sandboxShipping(effects),
    prices: { unitPriceCents: (_tenantId, sku) => Promise.resolve(sandboxUnitPriceCents(sku)) },
  };
}

/**
 * The sandbox's collections and indexes, created at start-up rather than by the first call under load
 * (FerretDB 1.24 creates a collection under its metadata write lock, which can deadlock it under load;
 * see createIndexesOneByOne in @conveyor/store). The indexes find an order's effects and log entries.
 */
export async function ensureSandboxIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, sandboxEffectsCollection, [
    { key: { tenantId: 1, orderId: 1 }, name: 'tenant_order' },
  ]);
  await createIndexesOneByOne(store.db, sandboxEffectLogCollection, [
    { key: { tenantId: 1, orderId: 1 }, name: 'tenant_order' },
  ]);
  await createIndexesOneByOne(store.db, sandboxFaultsCollection, [
    { key: { createdAt: 1 }, name: 'createdAt' },
  ]);
}
