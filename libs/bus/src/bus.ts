// The one object a service holds: a recovering connection, a confirmed publisher, request/reply,
// and consumer hosts. `close()` stops consumers first, then publishing, then the connection.
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { BusConnection } from './connection/connection.ts';
import { ConsumerHost, type ConsumerHostOptions } from './consuming/consumer-host.ts';
import { SoloGate } from './consuming/solo-gate.ts';
import type { OutgoingMessage } from './envelope/envelope.ts';
import { Publisher, type Published } from './publishing/publisher.ts';
import { RpcClient } from './rpc/rpc-client.ts';
import { exchangeNaming, type ExchangeNaming } from './topology/exchange-naming.ts';

export interface BusOptions {
  url: string;
  /** appId of every message and the broker's connection name prefix. */
  serviceName: string;
  /** Distinguishes instances of one service in the broker's connection list. */
  instanceId?: string;
  logger: Logger;
  tracer: Tracer;
  maxBodyBytes?: number;
  confirmTimeoutMs?: number;
  /** Publishes that may wait to be sent before new ones fail fast (`BUS_PUBLISH_BACKLOG_FULL`); 10,000. */
  maxWaitingPublishes?: number;
  rpcTimeoutMs?: number;
  /** Every consumer host's stop budget unless its own options say otherwise (see ConsumerHostOptions). */
  stopTimeoutMs?: number;
  /** The deployment's exchanges are `<prefix>.events` and so on (see exchange-naming.ts); `conveyor`. */
  exchangePrefix?: string;
}

export type ConsumerOptions = Omit<
  ConsumerHostOptions,
  'connection' | 'publisher' | 'logger' | 'tracer' | 'soloGate' | 'naming'
> &
  Partial<Pick<ConsumerHostOptions, 'logger'>>;

export class Bus {
  readonly connection: BusConnection;
  readonly publisher: Publisher;
  readonly rpc: RpcClient;
  readonly #options: BusOptions;
  readonly #consumers = new Set<ConsumerHost>();
  /** Crash suspects run alone in the process, whichever host received them (see solo-gate.ts). */
  readonly soloGate = new SoloGate();
  /** This deployment's names for the shared exchanges: for topology a service declares itself. */
  readonly exchanges: ExchangeNaming;
  #closing: Promise<void> | undefined;

  private constructor(options: BusOptions, connection: BusConnection) {
    this.#options = options;
    this.connection = connection;
    this.exchanges = exchangeNaming(options.exchangePrefix);
    this.publisher = new Publisher({
      connection,
      logger: options.logger,
      tracer: options.tracer,
      appId: options.serviceName,
      maxBodyBytes: options.maxBodyBytes,
      confirmTimeoutMs: options.confirmTimeoutMs,
      maxWaiting: options.maxWaitingPublishes,
      naming: this.exchanges,
    });
    this.rpc = new RpcClient({
      connection,
      logger: options.logger,
      tracer: options.tracer,
      appId: options.serviceName,
      timeoutMs: options.rpcTimeoutMs,
      naming: this.exchanges,
    });
  }

  static async connect(options: BusOptions): Promise<Bus> {
    const connection = await BusConnection.open({
      url: options.url,
      connectionName: `${options.serviceName}${options.instanceId === undefined ? '' : `#${options.instanceId}`}`,
      logger: options.logger,
    });
    return new Bus(options, connection);
  }

  publish(message: OutgoingMessage): Promise<Published> {
    return this.publisher.publish(message);
  }

  consumer(options: ConsumerOptions): ConsumerHost {
    const host = new ConsumerHost({
      ...options,
      maxBodyBytes: options.maxBodyBytes ?? this.#options.maxBodyBytes,
      stopTimeoutMs: options.stopTimeoutMs ?? this.#options.stopTimeoutMs,
      logger: options.logger ?? this.#options.logger,
      connection: this.connection,
      publisher: this.publisher,
      tracer: this.#options.tracer,
      soloGate: this.soloGate,
      naming: this.exchanges,
    });
    this.#consumers.add(host);
    return host;
  }

  /** For readiness probes: false while the connection is down or any consumer host is not consuming. */
  isReady(): boolean {
    return this.notReadyReasons().length === 0;
  }

  /** Why `isReady()` is false, one line per cause (empty when ready): for /readyz and logs. */
  notReadyReasons(): string[] {
    const reasons = this.connection.isReady() ? [] : ['the broker connection is down'];
    for (const host of this.#consumers) {
      const reason = host.notReadyReason;
      if (reason !== undefined) reasons.push(`${host.queue}: ${reason}`);
    }
    return reasons;
  }

  /**
   * Why deliveries are being held rather than handled: one line per consumer host whose inbox writes
   * fail (the database is unreachable). Empty while every inbox answers.
   */
  inboxNotReadyReasons(): string[] {
    const reasons: string[] = [];
    for (const host of this.#consumers) {
      const reason = host.inboxAvailability.reason;
      if (reason !== undefined) reasons.push(`${host.queue}: ${reason}`);
    }
    return reasons;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    // Every step runs even if an earlier one fails; the first failure is reported at the end.
    const results = await Promise.allSettled([...this.#consumers].map((host) => host.stop()));
    results.push(...(await Promise.allSettled([this.rpc.close(), this.publisher.close()])));
    results.push(...(await Promise.allSettled([this.connection.close()])));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }
}
