// Groups calls that arrive close together into one batched call: a prefetch window's worth of inbox
// writes then costs a round trip per batch instead of one per delivery. A batch's failure fails
// every call in it; nothing is reported written that was not.

export interface WriteBatcherOptions<I, O> {
  /** Writes many items at once: one result per item, in order, or a rejection for all of them. */
  write: (items: readonly I[]) => Promise<O[]>;
  /** Items per batch at most. */
  maxBatch: number;
  /**
   * Batches written at once. Items arriving while that many are in flight wait and go out together
   * when one finishes, so batches grow with the load instead of the round trips multiplying.
   */
  maxConcurrent: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

export class WriteBatcher<I, O> {
  readonly #options: WriteBatcherOptions<I, O>;
  #waiting: Array<Waiting<I, O>> = [];
  #flushScheduled = false;
  #writing = 0;

  constructor(options: WriteBatcherOptions<I, O>) {
    if (options.maxBatch < 1 || options.maxConcurrent < 1) {
      throw new RangeError('maxBatch and maxConcurrent must be at least 1');
    }
    this.#options = options;
  }

  /** Resolves with the item's own result once the batch holding it is written. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#waiting.length >= this.#options.maxBatch) this.#flush();
      else this.#scheduleFlush();
    });
  }

  // Deliveries that one socket read hands over arrive in the same turn of the event loop; flushing
  // after that turn (setImmediate runs once pending I/O callbacks are done) batches them together.
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    const { maxBatch, maxConcurrent } = this.#options;
    while (this.#waiting.length > 0 && this.#writing < maxConcurrent) {
      const batch = this.#waiting.slice(0, maxBatch);
      this.#waiting = this.#waiting.slice(batch.length);
      this.#writing += 1;
      void this.#write(batch);
    }
  }

  /** Never rejects: the outcome goes to the batch's items. */
  async #write(batch: ReadonlyArray<Waiting<I, O>>): Promise<void> {
    let outcome: { results: O[] } | { error: unknown };
    try {
      const results = await this.#options.write(batch.map(({ item }) => item));
      outcome =
        results.length === batch.length
          ? { results }
          : { error: new RangeError(`a batch of ${batch.length} writes returned ${results.length} results`) };
    } catch (error) {
      outcome = { error };
    }
    // What waited meanwhile goes out before this batch's callers carry on.
    this.#writing -= 1;
    this.#flush();
    if ('error' in outcome) {
      for (const waiting of batch) waiting.reject(outcome.error);
      return;
    }
    for (const [position, waiting] of batch.entries()) waiting.resolve(outcome.results[position] as O);
  }
}
