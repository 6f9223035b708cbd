// One AMQP connection that comes back by itself. Channels are the owners' business: publishers and
// consumers subscribe to `onConnected` and rebuild their channels on every new connection.
import { EventEmitter } from 'node:events';
import amqp, { type ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { BusClosedError } from '../errors/bus-closed-error.ts';

export interface ConnectionOptions {
  url: string;
  /** Shown in the broker's connection list: which service and instance this is. */
  connectionName: string;
  logger: Logger;
  /** Backoff between reconnect attempts: from `minDelayMs`, doubling, capped at `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  heartbeatSeconds?: number;
}

type ConnectedListener = (model: ChannelModel) => void;

export class BusConnection {
  readonly #options: Required<Omit<ConnectionOptions, 'logger'>>;
  readonly #logger: Logger;
  readonly #events = new EventEmitter();
  #model: ChannelModel | undefined;
  #blocked = false;
  #closing: Promise<void> | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #attempt = 0;

  private constructor(options: ConnectionOptions) {
    this.#options = {
      url: options.url,
      connectionName: options.connectionName,
      minDelayMs: options.minDelayMs ?? 100,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      heartbeatSeconds: options.heartbeatSeconds ?? 10,
    };
    this.#logger = options.logger;
    this.#events.setMaxListeners(0);
  }

  /** Connects once (failing fast if the broker is unreachable at start-up), then recovers forever. */
  static async open(options: ConnectionOptions): Promise<BusConnection> {
    const connection = new BusConnection(options);
    await connection.#connect();
    return connection;
  }

  get model(): ChannelModel | undefined {
    return this.#model;
  }

  isReady(): boolean {
    return this.#model !== undefined && this.#closing === undefined;
  }

  isBlocked(): boolean {
    return this.#blocked;
  }

  isClosed(): boolean {
    return this.#closing !== undefined;
  }

  /** Called now if connected, and after every reconnect. Returns an unsubscribe function. */
  onConnected(listener: ConnectedListener): () => void {
    this.#events.on('connected', listener);
    if (this.#model !== undefined) listener(this.#model);
    return () => this.#events.off('connected', listener);
  }

  onDisconnected(listener: () => void): () => void {
    this.#events.on('disconnected', listener);
    return () => this.#events.off('disconnected', listener);
  }

  /** Called when the broker lifts its block, and when a blocked connection is lost (its successor starts unblocked). */
  onUnblocked(listener: () => void): () => void {
    this.#events.on('unblocked', listener);
    return () => this.#events.off('unblocked', listener);
  }

  /** Resolves with the current connection, waiting for a reconnect when there is none. */
  async ready(): Promise<ChannelModel> {
    if (this.#closing !== undefined) throw new BusClosedError('waiting for a connection');
    if (this.#model !== undefined) return this.#model;
    return new Promise<ChannelModel>((resolve, reject) => {
      const onConnected = (model: ChannelModel) => {
        this.#events.off('closed', onClosed);
        resolve(model);
      };
      const onClosed = () => {
        this.#events.off('connected', onConnected);
        reject(new BusClosedError('waiting for a connection'));
      };
      this.#events.once('connected', onConnected);
      this.#events.once('closed', onClosed);
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    clearTimeout(this.#reconnectTimer);
    this.#events.emit('closed');
    const model = this.#model;
    this.#model = undefined;
    if (model !== undefined) {
      await model.close().catch((error: unknown) => {
        this.#logger.debug({ err: error }, 'amqp connection was already closing');
      });
    }
  }

  async #connect(): Promise<void> {
    const model = await amqp.connect(withHeartbeat(this.#options.url, this.#options.heartbeatSeconds), {
      clientProperties: { connection_name: this.#options.connectionName },
    });
    if (this.#closing !== undefined) {
      await model.close();
      return;
    }
    this.#attempt = 0;
    this.#blocked = false;
    model.on('error', (error: Error) => {
      // 'close' follows with the same error; logging here keeps amqplib from crashing the process.
      this.#logger.warn({ err: error }, 'amqp connection error');
    });
    model.on('blocked', (reason: string) => {
      this.#blocked = true;
      this.#logger.warn({ reason }, 'broker blocked publishing (resource alarm)');
    });
    model.on('unblocked', () => {
      this.#blocked = false;
      this.#logger.info('broker unblocked publishing');
      this.#events.emit('unblocked');
    });
    model.on('close', () => this.#onClose(model));
    this.#model = model;
    this.#logger.info({ connection: this.#options.connectionName }, 'amqp connected');
    this.#events.emit('connected', model);
  }

  #onClose(model: ChannelModel): void {
    if (this.#model !== model) return;
    this.#model = undefined;
    // A block belongs to the connection it was sent on: the next one starts unblocked, and whoever
    // waits for `unblocked` must move on now, or it waits for an event no connection will send.
    if (this.#blocked) {
      this.#blocked = false;
      this.#events.emit('unblocked');
    }
    this.#events.emit('disconnected');
    if (this.#closing !== undefined) return;
    this.#logger.warn('amqp connection lost; reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const base = Math.min(this.#options.maxDelayMs, this.#options.minDelayMs * 2 ** this.#attempt);
    const delay = base * (0.8 + Math.random() * 0.4);
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => {
      this.#connect().catch((error: unknown) => {
        this.#logger.warn({ err: error, attempt: this.#attempt }, 'amqp reconnect failed');
        if (this.#closing === undefined) this.#scheduleReconnect();
      });
    }, delay);
  }
}

/** A dead peer is noticed within two heartbeats; the URL's own `heartbeat` wins when given. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}
