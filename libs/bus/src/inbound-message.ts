import type { Envelope } from './envelope.ts';
import type { InboxClaim } from '@conveyor/contracts';

/** What a handler receives: the validated body, its envelope, and the signal that ends its deadline. */
export interface InboundMessage<T> {
  body: T;
  envelope: Envelope & { messageId: string; type: string };
  queue: string;
  /** Present when the consumer uses an inbox; `claim.epoch` is the fencing token for guarded writes. */
  claim: InboxClaim | undefined;
  /** Aborted when the handler's deadline passes or its inbox lease is lost. */
  signal: AbortSignal;
}

/** Returns the reply for request/reply deliveries (or a promise of it); anything for the rest. */
export type MessageHandler<T> = (message: InboundMessage<T>) => unknown;
