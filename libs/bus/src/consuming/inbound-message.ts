import type { Envelope } from '../envelope/envelope.ts';
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

/** The InboundMessage a handler gets: its signal is made on first read (most handlers never read it). */
export class HandlerMessage<T> implements InboundMessage<T> {
  readonly body: T;
  readonly envelope: InboundMessage<T>['envelope'];
  readonly queue: string;
  readonly claim: InboxClaim | undefined;
  readonly #signal: () => AbortSignal;

  constructor(fields: Omit<InboundMessage<T>, 'signal'>, signal: () => AbortSignal) {
    this.body = fields.body;
    this.envelope = fields.envelope;
    this.queue = fields.queue;
    this.claim = fields.claim;
    this.#signal = signal;
  }

  get signal(): AbortSignal {
    return this.#signal();
  }
}
