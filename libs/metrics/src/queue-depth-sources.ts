// conveyor_queue_depth{queue} and conveyor_queue_consumers{queue}, read from the broker at scrape time.
// Both gauges share one read per scrape (prom-client collects metrics concurrently).
import type { ChannelModel } from 'amqplib';
import { Counter, Gauge, type Registry } from 'prom-client';
import { readQueueDepths, type QueueDepth } from './queue-depths.ts';

export interface QueueDepthSource {
  /** The bus connection (anything holding the current ChannelModel); nothing is read while it is down. */
  readonly connection: { readonly model: ChannelModel | undefined };
  readonly queues: readonly string[];
}

export class QueueDepthSources {
  readonly #sources: QueueDepthSource[] = [];
  readonly #readFailures: Counter;
  #reading: Promise<QueueDepth[]> | undefined;

  constructor(registry: Registry) {
    const read = () => this.#readOnce();
    new Gauge<'queue'>({
      name: 'conveyor_queue_depth',
      help: 'Messages ready in the queue (delivered but unacked ones not included).',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const depth of await read()) if (depth.found) this.set({ queue: depth.queue }, depth.messages);
      },
    });
    new Gauge<'queue'>({
      name: 'conveyor_queue_consumers',
      help: 'Consumers attached to the queue, across every process.',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const depth of await read()) if (depth.found) this.set({ queue: depth.queue }, depth.consumers);
      },
    });
    this.#readFailures = new Counter({
      name: 'conveyor_queue_depth_read_failures_total',
      help: 'Scrapes whose queue depths could not be read from the broker (those depths are left out).',
      registers: [registry],
    });
  }

  /** Queues already read through the same connection are not read twice. */
  add(source: QueueDepthSource): void {
    const watched = new Set(
      this.#sources
        .filter((known) => known.connection === source.connection)
        .flatMap((known) => known.queues),
    );
    const queues = source.queues.filter((queue) => !watched.has(queue));
    if (queues.length > 0) this.#sources.push({ connection: source.connection, queues });
  }

  #readOnce(): Promise<QueueDepth[]> {
    this.#reading ??= this.#readAll().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  async #readAll(): Promise<QueueDepth[]> {
    const results = await Promise.all(
      this.#sources.map(async ({ connection, queues }) => {
        const model = connection.model;
        if (model === undefined) return [];
        try {
          return await readQueueDepths(model, queues);
        } catch {
          // A lost connection must not fail the whole scrape: the failure is counted, the depths omitted.
          this.#readFailures.inc();
          return [];
        }
      }),
    );
    return results.flat();
  }
}
