// The sandbox's append-only log of applied effects: one document per call that applied one (a
// reservation, a charge, a shipment, an undo), inserted on a fresh ObjectId, never keyed on the
// idempotency key. The keyed records in `sandbox_effects` are what make calls idempotent; this log is
// what an auditor (the fault suite's ledger) counts, so a second charge shows up even if the keyed
// records were ever bypassed.
import type { Store } from '@conveyor/store';
import { ObjectId, type Collection } from 'mongodb';

export const sandboxEffectLogCollection = 'sandbox_effect_log';

export interface SandboxEffectLogEntry {
  _id: ObjectId;
  tenantId: string;
  orderId: string;
  operation: string;
  idempotencyKey: string;
  appliedAt: Date;
}

export interface AppliedEffect {
  tenantId: string;
  orderId: string;
  operation: string;
  idempotencyKey: string;
}

export function sandboxEffectLog(store: Store): Collection<SandboxEffectLogEntry> {
  return store.db.collection<SandboxEffectLogEntry>(sandboxEffectLogCollection);
}

/** One insert per applied effect: cheap, and never contested (a new _id every time). */
export async function appendAppliedEffect(
  log: Collection<SandboxEffectLogEntry>,
  effect: AppliedEffect,
): Promise<void> {
  await log.insertOne({
    _id: new ObjectId(),
    tenantId: effect.tenantId,
    orderId: effect.orderId,
    operation: effect.operation,
    idempotencyKey: effect.idempotencyKey,
    appliedAt: new Date(),
  });
}
