// One step of the order's state machine as one fenced write (write-order-step.ts): the new state, a
// history entry and the outbox entries it implies. The step record's insert decides between two
// writers of the same step; the precondition only checks the order the caller read.
import type { OutboxEntry, PendingOutbox } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import { getOrder } from './get-order.ts';
import type { OrderDocument } from './order-document.ts';
import { writeOrderStep } from './write-order-step.ts';

export type TransitionOutcome =
  /**
   * Written: `order` is the state after the write, `entries` what it added to the outbox (to publish,
   * with `pending`, the write's pending outbox record, when one was written).
   */
  | { applied: true; order: OrderDocument; entries: OutboxEntry[]; pending: PendingOutbox | undefined }
  /** The order read was not in the state the step needs: `order` is what it is now (null if it is gone). */
  | { applied: false; order: OrderDocument | null };

export interface TransitionSpec {
  before: OrderDocument;
  after: Pick<OrderDocument, 'status' | 'steps' | 'sequence' | 'stepDeadline' | 'failure'>;
  /** What the step needs of the order it starts from, e.g. the payment step still pending. */
  precondition: (order: OrderDocument) => boolean;
  event: string;
  detail?: string;
  entries: OutboxEntry[];
  now: Date;
  causationId?: string | undefined;
  /** The handler's signal: an aborted handler writes nothing. */
  signal?: AbortSignal | undefined;
  /** See TransitionOptions.reemittedOnRedelivery: no pending outbox record. */
  reemittedOnRedelivery?: boolean | undefined;
  /** See TransitionOptions.nextWriteFollows: the document is left to the next write. */
  deferDocument?: boolean | undefined;
}

/**
 * Throws the signal's reason when the handler was aborted, and OrderStepTakenError when another writer
 * recorded this write of the order first (nothing of this one is applied then).
 */
export async function applyTransition(store: Store, spec: TransitionSpec): Promise<TransitionOutcome> {
  const { before, after, now, entries } = spec;
  if (!spec.precondition(before)) {
    return { applied: false, order: await getOrder(store, before.tenantId, before._id) };
  }
  const history =
    spec.detail === undefined
      ? { at: now, event: spec.event }
      : { at: now, event: spec.event, detail: spec.detail };
  const { order, pending } = await writeOrderStep(store, before, {
    state: { ...after, failure: after.failure ?? null, updatedAt: now },
    history,
    entries,
    causationId: spec.causationId,
    signal: spec.signal,
    announce: spec.reemittedOnRedelivery !== true,
    deferDocument: spec.deferDocument === true,
  });
  return { applied: true, order, entries, pending };
}
