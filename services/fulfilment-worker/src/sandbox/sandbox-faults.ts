// Faults the sandbox injects on purpose, for fault tests only, and only when the behaviour enables
// them (SANDBOX_FAULT_SKUS): otherwise these skus are ordinary ones.
//   POISON-…  every call for the order fails with an unexpected error, its undo calls too: a handler
//             that always throws, which ends in the dead-letter queue after the attempt limit
//   CRASH-…   the call kills the worker process (SIGKILL) before anything is applied: a message that
//             crashes its worker, dead-lettered by the inbox's crash limit
//   SLOW-…    the first call of each forward operation for the order overruns the handler's deadline:
//             it waits `slowCallMs` without heeding the abort signal (like a provider client that
//             ignores it), then goes on; later calls (the retry's) go straight through. So a retry runs
//             while the first handler is still inside its step, and both reach the step's write.
// Undo calls carry no items, so a poisoned order is remembered by a marker in `sandbox_faults`; so is
// the first call of a slow one (`slow␟<operation>␟<orderId>`), which every worker instance sees.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderItem } from '@conveyor/contracts';
import type { Store } from '@conveyor/store';
import { isDuplicateKeyError } from '@conveyor/store';
import { anyItemStartsWith } from './sandbox-catalogue.ts';

export const sandboxFaultSkuPrefix = { poison: 'POISON-', crash: 'CRASH-', slow: 'SLOW-' } as const;

/** Stands for a bug in a provider client: not a ConveyorError, so the bus treats it as retryable. */
export class SandboxPoisonError extends Error {
  constructor(orderId: string) {
    super(`sandbox poison: every call for order ${orderId} throws`);
    this.name = 'SandboxPoisonError';
  }
}

export interface SandboxFaultCall {
  orderId: string;
  operation: string;
  /** Present on forward calls (reserve, capture, ship); undo calls have none. */
  items?: readonly OrderItem[] | undefined;
}

export interface SandboxFaults {
  /** Throws (or ends the process) when the call hits an injected fault; resolves otherwise. */
  check(call: SandboxFaultCall): Promise<void>;
}

export const noSandboxFaults: SandboxFaults = Object.freeze({ check: () => Promise.resolve() });

export const sandboxFaultsCollection = 'sandbox_faults';

interface FaultMarker {
  /** The order id (poisoned), or `slow␟<operation>␟<orderId>` (a slow call made). */
  _id: string;
  createdAt: Date;
}

export interface SandboxFaultOptions {
  /** What a CRASH- sku does; SIGKILL of this process by default. */
  crash?: (() => void) | undefined;
  /** How long the first call of a SLOW- order's operation waits: longer than the handler's deadline. */
  slowCallMs?: number | undefined;
}

const defaultSlowCallMs = 10_000;

export function createSandboxFaults(store: Store, options: SandboxFaultOptions = {}): SandboxFaults {
  const markers = store.db.collection<FaultMarker>(sandboxFaultsCollection);
  const crash = options.crash ?? (() => process.kill(process.pid, 'SIGKILL'));
  const slowCallMs = options.slowCallMs ?? defaultSlowCallMs;

  /** True when this call placed the marker: the first one. */
  async function placeMarker(id: string): Promise<boolean> {
    try {
      await markers.insertOne({ _id: id, createdAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }

  return {
    async check({ orderId, operation, items }) {
      if (items !== undefined && anyItemStartsWith(items, sandboxFaultSkuPrefix.crash) !== undefined) {
        crash();
        return;
      }
      if (items !== undefined && anyItemStartsWith(items, sandboxFaultSkuPrefix.poison) !== undefined) {
        await placeMarker(orderId);
        throw new SandboxPoisonError(orderId);
      }
      if (items !== undefined && anyItemStartsWith(items, sandboxFaultSkuPrefix.slow) !== undefined) {
        // Deliberately no signal: the point is a call that outlives its handler's deadline.
        if (await placeMarker(`slow\u001f${operation}\u001f${orderId}`)) await sleep(slowCallMs);
        return;
      }
      if (items === undefined && (await markers.findOne({ _id: orderId })) !== null) {
        throw new SandboxPoisonError(orderId);
      }
    },
  };
}
