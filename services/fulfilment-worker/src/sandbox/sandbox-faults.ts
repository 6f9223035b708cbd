// Faults the sandbox injects on purpose, for fault tests only, and only when the behaviour enables
// them (SANDBOX_FAULT_SKUS): otherwise these skus are ordinary ones.
//   POISON-…  every call for the order fails with an unexpected error, its undo calls too: a handler
//             that always throws, which ends in the dead-letter queue after the attempt limit
//   CRASH-…   the call kills the worker process (SIGKILL) before anything is applied: a message that
//             crashes its worker, dead-lettered by the inbox's crash limit
// Undo calls carry no items, so a poisoned order is remembered by a marker in `sandbox_faults`.
import type { OrderItem } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import { isDuplicateKeyError } from '@conveyor/store';
import { anyItemStartsWith } from './sandbox-catalogue.ts';

export const sandboxFaultSkuPrefix = { poison: 'POISON-', crash: 'CRASH-' } as const;

/** Stands for a bug in a provider client: not a ConveyorError, so the bus treats it as retryable. */
export class SandboxPoisonError extends Error {
  constructor(orderId: string) {
    super(`sandbox poison: every call for order ${orderId} throws`);
    this.name = 'SandboxPoisonError';
  }
}

export interface SandboxFaultCall {
  orderId: string;
  /** Present on forward calls (reserve, capture, ship); undo calls have none. */
  items?: readonly OrderItem[] | undefined;
}

export interface SandboxFaults {
  /** Throws (or ends the process) when the call hits an injected fault; resolves otherwise. */
  check(call: SandboxFaultCall): Promise<void>;
}

export const noSandboxFaults: SandboxFaults = Object.freeze({ check: () => Promise.resolve() });

export const sandboxFaultsCollection = 'sandbox_faults';

interface PoisonMarker {
  /** The order id. */
  _id: string;
  createdAt: Date;
}

export function createSandboxFaults(
  store: Store,
  crash: () => void = () => process.kill(process.pid, 'SIGKILL'),
): SandboxFaults {
  const markers = store.db.collection<PoisonMarker>(sandboxFaultsCollection);

  async function markPoisoned(orderId: string): Promise<void> {
    try {
      await markers.insertOne({ _id: orderId, createdAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  return {
    async check({ orderId, items }) {
      if (items !== undefined && anyItemStartsWith(items, sandboxFaultSkuPrefix.crash) !== undefined) {
        crash();
        return;
      }
      if (items !== undefined && anyItemStartsWith(items, sandboxFaultSkuPrefix.poison) !== undefined) {
        await markPoisoned(orderId);
        throw new SandboxPoisonError(orderId);
      }
      if (items === undefined && (await markers.findOne({ _id: orderId })) !== null) {
        throw new SandboxPoisonError(orderId);
      }
    },
  };
}
