// The sandbox's memory: one record per (operation, idempotency key) in MongoDB, inserted on a
// deterministic _id, so that a repeated call returns the first call's outcome and two racing calls
// apply once. An undo first voids the original key: a call that never happened never will. The call
// whose record applied an effect also appends it to the append-only log (sandbox-effect-log.ts).
import type { Store } from '@conveyor/store';
import { isDuplicateKeyError } from '@conveyor/store';
import type { Collection } from 'mongodb';
import type { OrderItem } from '@conveyor/contracts';
import { simulateRemoteCall, type SandboxBehaviour, type SandboxProviderName } from './sandbox-behaviour.ts';
import { appendAppliedEffect, sandboxEffectLog } from './sandbox-effect-log.ts';
import { noSandboxFaults, type SandboxFaults } from './sandbox-faults.ts';

export const sandboxEffectsCollection = 'sandbox_effects';

export type EffectDecision =
  | { outcome: 'applied'; result: Record<string, string | number> }
  | { outcome: 'rejected'; error: { code: string; message: string } }
  | { outcome: 'nothing-to-undo' };

export interface SandboxEffect {
  /** `operation ␟ idempotencyKey` */
  _id: string;
  tenantId: string;
  orderId: string;
  operation: string;
  idempotencyKey: string;
  /** `voided`: an undo ran before this call was ever made, so the call can never apply. */
  outcome: EffectDecision['outcome'] | 'voided';
  result: Record<string, string | number> | null;
  error: { code: string; message: string } | null;
  createdAt: Date;
}

export interface EffectCall {
  provider: SandboxProviderName;
  operation: string;
  idempotencyKey: string;
  tenantId: string;
  orderId: string;
  /** The order's items, on forward calls (the fault skus look at them). */
  items?: readonly OrderItem[] | undefined;
  signal?: AbortSignal | undefined;
}

export interface SandboxEffects {
  /** The effect recorded for this call's key, deciding and recording it when it is the first call. */
  once(call: EffectCall, decide: () => Promise<EffectDecision> | EffectDecision): Promise<SandboxEffect>;
  /** Undoes the original call (by its key) once; true when it had applied and is now undone. */
  undo(call: EffectCall, original: { operation: string; idempotencyKey: string }): Promise<boolean>;
}

export function effectId(operation: string, idempotencyKey: string): string {
  return `${operation}\u001f${idempotencyKey}`;
}

export function sandboxEffects(store: Store): Collection<SandboxEffect> {
  return store.db.collection<SandboxEffect>(sandboxEffectsCollection);
}

export function createSandboxEffects(
  store: Store,
  behaviour: SandboxBehaviour,
  faults: SandboxFaults = noSandboxFaults,
): SandboxEffects {
  const effects = sandboxEffects(store);
  const log = sandboxEffectLog(store);

  async function insertFirst(record: SandboxEffect): Promise<SandboxEffect> {
    try {
      await effects.insertOne(record);
      return record;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await effects.findOne({ _id: record._id });
      if (winner === null) throw error;
      return winner;
    }
  }

  function recordOf(
    call: EffectCall,
    id: string,
    operation: string,
    key: string,
  ): Omit<SandboxEffect, 'outcome' | 'result' | 'error'> {
    return {
      _id: id,
      tenantId: call.tenantId,
      orderId: call.orderId,
      operation,
      idempotencyKey: key,
      createdAt: new Date(),
    };
  }

  async function once(
    call: EffectCall,
    decide: () => Promise<EffectDecision> | EffectDecision,
  ): Promise<SandboxEffect> {
    await simulateRemoteCall(behaviour, call.provider, call.signal);
    await faults.check(call);
    const id = effectId(call.operation, call.idempotencyKey);
    const existing = await effects.findOne({ _id: id });
    if (existing !== null) return existing;
    const decision = await decide();
    const record: SandboxEffect = {
      ...recordOf(call, id, call.operation, call.idempotencyKey),
      outcome: decision.outcome,
      result: decision.outcome === 'applied' ? decision.result : null,
      error: decision.outcome === 'rejected' ? decision.error : null,
    };
    const stored = await insertFirst(record);
    // Only the call whose record won applied anything; a process dying between the two inserts leaves
    // an applied record without its log entry (an auditor counts that record as one application).
    if (stored === record && record.outcome === 'applied') await appendAppliedEffect(log, record);
    return stored;
  }

  async function undo(
    call: EffectCall,
    original: { operation: string; idempotencyKey: string },
  ): Promise<boolean> {
    const effect = await once(call, async () => {
      const originalId = effectId(original.operation, original.idempotencyKey);
      const voided = await insertFirst({
        ...recordOf(call, originalId, original.operation, original.idempotencyKey),
        outcome: 'voided',
        result: null,
        error: null,
      });
      return voided.outcome === 'applied'
        ? { outcome: 'applied', result: { undoes: originalId } }
        : { outcome: 'nothing-to-undo' };
    });
    return effect.outcome === 'applied';
  }

  return { once, undo };
}
