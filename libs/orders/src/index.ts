// @conveyor/orders: the order document and every write to it. Each write is one document write that
// carries the messages it implies (the outbox); the caller then publishes them with publishOrderOutbox.
export {
  orderDocument,
  stepRecord,
  historyEntry,
  stepStates,
  ordersCollection,
  type OrderDocument,
  type StepRecord,
} from './order-document.ts';

export { createOrder, type CreateOrderResult } from './create-order.ts';
export { createOrderInput, defaultStepTimeoutMs, type CreateOrderInput } from './new-order.ts';
export { getOrder } from './get-order.ts';
export { isTerminalOrderStatus, terminalOrderStatuses } from './terminal-order-statuses.ts';
export {
  openOrderProgressFeed,
  type OrderProgressFeed,
  type OrderProgressFeedOptions,
  type OrderProgressSink,
} from './order-progress-feed.ts';
export { ensureOrderIndexes } from './order-indexes.ts';
export { idempotencyKeysCollection, deleteIdempotencyKeysOlderThan } from './idempotency-keys.ts';
export { OrderIdConflictError } from './errors/order-id-conflict-error.ts';
export { OrderNotFoundError } from './errors/order-not-found-error.ts';
export { OrderStepTakenError } from './errors/order-step-taken-error.ts';
export { OrdersErrorCode } from './orders-error-codes.ts';

export { publishOrderOutbox, reemitOrderMessage, type OrderOutboxSource } from './publish-order-outbox.ts';
export { findOutboxEntry } from './find-outbox-entry.ts';
export {
  currentStepMessage,
  forwardOrderStatuses,
  stuckOrdersFilters,
  type CurrentStepMessage,
  type OrderPosition,
} from './current-step-message.ts';
export { orderMessageIds, stepIdempotencyKey, undoIdempotencyKey } from './order-message-ids.ts';
export { orderOutboxEntry, type OrderMessage } from './order-outbox-entry.ts';
export { orderPriority, expressPriority, standardPriority } from './order-priority.ts';

export {
  orderStepsCollection,
  orderStepRecord,
  orderStepRecordId,
  orderRevision,
  type OrderStepRecord,
} from './order-step-record.ts';
export { catchUpOrder } from './catch-up-order.ts';
export { applyDeferredWrites } from './deferred-order-writes.ts';
export {
  latestStepRetry,
  noteStepRetry,
  orderStepRetriesCollection,
  type OrderStepRetry,
} from './step-retries.ts';
export { defaultRetryGraceMs, planStuckStep, stuckStepPlan, type StuckStepPlan } from './stuck-step-plan.ts';
export { deleteStepBookkeepingOlderThan, type StepBookkeepingDeleted } from './step-bookkeeping-retention.ts';

export type { TransitionOutcome } from './order-transition.ts';
export type { TransitionOptions } from './transition-options.ts';
export { stepOrder, type StepResult } from './step-result.ts';
export { recordStepDone } from './record-step-done.ts';
export { completeOrder } from './complete-order.ts';
export { requestCompensation, type CompensationCause } from './request-compensation.ts';
export { recordStepUndone } from './record-step-undone.ts';
export { finishCompensation } from './finish-compensation.ts';
