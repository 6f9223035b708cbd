// The sandbox's memory kept in this process instead of MongoDB, for benchmarks: a real provider keeps
// its records on its own servers, so the database then carries only Conveyor's own work (as a peer
// that stubs its providers with a sleep does). Same decisions as sandbox-effects.ts within one process;
// across processes nothing is shared, so it is not for fault tests (no audit log either).
import type { SandboxBehaviour } from './sandbox-behaviour.ts';
import { simulateRemoteCall } from './sandbox-behaviour.ts';
import { effectId, type EffectCall, type SandboxEffect, type SandboxEffects } from './sandbox-effects.ts';
import { noSandboxFaults, type SandboxFaults } from './sandbox-faults.ts';

export function createInMemorySandboxEffects(
  behaviour: SandboxBehaviour,
  faults: SandboxFaults = noSandboxFaults,
): SandboxEffects {
  const records = new Map<string, SandboxEffect>();

  function insertFirst(record: SandboxEffect): SandboxEffect {
    const winner = records.get(record._id);
    if (winner !== undefined) return winner;
    records.set(record._id, record);
    return record;
  }

  const base = (call: EffectCall, operation: string, idempotencyKey: string) => ({
    _id: effectId(operation, idempotencyKey),
    tenantId: call.tenantId,
    orderId: call.orderId,
    operation,
    idempotencyKey,
    createdAt: new Date(),
  });

  const effects: SandboxEffects = {
    async once(call, decide) {
      await simulateRemoteCall(behaviour, call.provider, call.signal);
      await faults.check(call);
      const existing = records.get(effectId(call.operation, call.idempotencyKey));
      if (existing !== undefined) return existing;
      const decision = await decide();
      return insertFirst({
        ...base(call, call.operation, call.idempotencyKey),
        outcome: decision.outcome,
        result: decision.outcome === 'applied' ? decision.result : null,
        error: decision.outcome === 'rejected' ? decision.error : null,
      });
    },
    async undo(call, original) {
      const effect = await effects.once(call, () => {
        const voided = insertFirst({
          ...base(call, original.operation, original.idempotencyKey),
          outcome: 'voided',
          result: null,
          error: null,
        });
        return voided.outcome === 'applied'
          ? { outcome: 'applied', result: { undoes: voided._id } }
          : { outcome: 'nothing-to-undo' };
      });
      return effect.outcome === 'applied';
    },
  };
  return effects;
}
