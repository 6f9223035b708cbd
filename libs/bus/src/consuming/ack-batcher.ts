// Acks the deliveries of one channel in as few frames as possible. Acks decided in one turn of the
// event loop go out together after it: the longest run of settled deliveries from the oldest
// unsettled one is acked by a single `basic.ack multiple`, and deliveries settled out of order
// beyond that run are acked one by one at once, so a slow delivery never holds back the others'
// acks (which would starve the prefetch window). Every ack frame costs the client a socket write
// and the broker a command, so a burst of N in-order acks costs one frame instead of N.
import type { Channel, ConsumeMessage } from 'amqplib';

interface Outstanding {
  delivery: ConsumeMessage;
  acked: boolean;
}

export class AckBatcher {
  readonly #channel: Channel;
  /** Deliveries received and not yet acked on the wire, by delivery tag (arrival order = tag order). */
  readonly #outstanding = new Map<number, Outstanding>();
  #ackedSinceFlush: Outstanding[] = [];
  #flushScheduled = false;
  #discarded = false;

  constructor(channel: Channel) {
    this.#channel = channel;
  }

  /** Call when a delivery arrives, before anything can settle it. */
  received(delivery: ConsumeMessage): void {
    this.#outstanding.set(delivery.fields.deliveryTag, { delivery, acked: false });
  }

  /** The ack goes out with the others decided in this turn of the event loop. */
  ack(delivery: ConsumeMessage): void {
    const entry = this.#outstanding.get(delivery.fields.deliveryTag);
    if (this.#discarded || entry === undefined || entry.acked) return;
    entry.acked = true;
    this.#ackedSinceFlush.push(entry);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      this.flush();
    });
  }

  /** Hands the delivery back to the broker now. */
  requeue(delivery: ConsumeMessage): void {
    if (this.#discarded || !this.#outstanding.delete(delivery.fields.deliveryTag)) return;
    this.#channel.nack(delivery, false, true);
  }

  /** Sends every ack decided so far; called by the timer, and before the channel is closed. */
  flush(): void {
    if (this.#discarded || this.#ackedSinceFlush.length === 0) return;
    let last: ConsumeMessage | undefined;
    let run = 0;
    for (const [tag, entry] of this.#outstanding) {
      if (!entry.acked) break;
      this.#outstanding.delete(tag);
      last = entry.delivery;
      run += 1;
    }
    if (last !== undefined) this.#channel.ack(last, run > 1);
    for (const entry of this.#ackedSinceFlush) {
      // Not in the run: an older delivery is still being handled. Acked alone, so it frees its slot.
      if (this.#outstanding.delete(entry.delivery.fields.deliveryTag)) this.#channel.ack(entry.delivery);
    }
    this.#ackedSinceFlush = [];
  }

  /**
   * The channel closed: the broker has requeued whatever it had not been told about, and acking on
   * another channel would close that one too ("unknown delivery tag"). Nothing more is sent.
   */
  discard(): void {
    this.#discarded = true;
    this.#outstanding.clear();
    this.#ackedSinceFlush = [];
  }
}
