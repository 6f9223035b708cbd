export {
  ConveyorError,
  RetryableError,
  PermanentError,
  isRetryable,
  errorCode,
  errorMessage,
  type WireError,
} from './errors.ts';
export {
  ContractsErrorCode,
  defineErrorCodes,
  errorCodeVerdicts,
  type ErrorCodeOf,
  type ErrorCodes,
  type ErrorVerdict,
} from './error-codes.ts';
export { DeadLetterReason, deadLetterReasons } from './dead-letter-reasons.ts';
export { WorkQueue, workQueues } from './work-queues.ts';
export { defineMessage, type MessageType, type BodyOf, type VersionedName } from './message-type.ts';
export { MessageRegistry } from './message-registry.ts';
export { demoTaskRequested } from './messages/demo.ts';
export {
  tenantId,
  orderId,
  sku,
  orderItem,
  orderPlaced,
  orderStockReserved,
  orderPaymentCaptured,
  orderShipped,
  orderCompleted,
  orderCompensationRequested,
  orderCompensated,
  orderSteps,
  orderStatuses,
  quoteRequested,
  quoteResult,
  type OrderItem,
  type OrderStep,
  type OrderStatus,
  type QuoteResult,
} from './messages/orders.ts';
export { jobRequested, jobRequestedRoutingKey, orderingPartition } from './messages/jobs.ts';
export { orderProgressEvent, orderProgressSubject, type OrderProgressEvent } from './messages/progress.ts';
export type {
  InboxPort,
  InboxClaim,
  InboxClaimRequest,
  ClaimOutcome,
  DoneMarkOutcome,
} from './inbox-port.ts';
export {
  jobProgressEvent,
  jobProgressSubject,
  jobCancelRequest,
  jobCancelSubject,
  jobCancelSubjects,
  type JobProgressEvent,
  type JobCancelRequest,
} from './messages/job-events.ts';
