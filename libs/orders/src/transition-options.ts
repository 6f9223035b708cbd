export interface TransitionOptions {
  /** The delivery attempt that did the step (stored as the step's `attempts`). */
  attempt?: number;
  /** The messageId being handled: recorded as the causation id of the messages this write implies. */
  causationId?: string;
  /** How long the next step may take before the supervisor sweep acts (default 5 minutes). */
  stepTimeoutMs?: number;
  now?: Date;
  /** Where the implied messages are published; defaults to the shared events exchange. */
  exchange?: string;
  /** The handler's signal (InboundMessage.signal): once it is aborted the transition writes nothing. */
  signal?: AbortSignal;
  /**
   * The write is made for an inbound message that is acked only once the write's messages are
   * published, and whose redelivery re-emits them from the order (the fulfilment handlers): that
   * message is the write's outbox, so no pending outbox record is written for the relay.
   */
  reemittedOnRedelivery?: boolean;
  /**
   * The delivery writes this order again right after (the forward path's next step): a step write that
   * does not finish the order leaves its document to that write (deferred-order-writes.ts). Only with
   * reemittedOnRedelivery; the caller applies what is left if the next write does not come.
   */
  nextWriteFollows?: boolean;
}
