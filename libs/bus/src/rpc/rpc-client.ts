// Request/reply over RabbitMQ direct reply-to: a fresh correlationId per request, replies matched by
// it under a timeout. Direct reply-to is at-most-once, so callers rely on the timeout; replies that
// arrive late or for nobody are logged and dropped.
import { randomUUID } from 'node:crypto';
import type { Tracer } from '@opentelemetry/api';
import type { BodyOf, MessageType } from '@conveyor/contracts';
import type { Channel, ConsumeMessage, Message } from 'amqplib';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { BusConnection } from '../connection/connection.ts';
import { encodeMessage } from '../envelope/envelope.ts';
import { BusClosedError } from '../errors/bus-closed-error.ts';
import { BusErrorCode } from '../errors/bus-error-codes.ts';
import { RemoteError } from '../errors/remote-error.ts';
import { RequestTimeoutError } from '../errors/request-timeout-error.ts';
import { UnroutableError } from '../errors/unroutable-error.ts';
import { replyBodySchema } from './reply.ts';
import { returnedReplyText } from '../publishing/returned-message.ts';
import { defaultExchangeNaming, type ExchangeNaming } from '../topology/exchange-naming.ts';
import { startProducerSpan } from '../tracing/tracing.ts';

const directReplyTo = 'amq.rabbitmq.reply-to';

export interface RpcClientOptions {
  connection: BusConnection;
  logger: Logger;
  tracer: Tracer;
  appId: string;
  timeoutMs?: number;
  /** The deployment's names for the shared exchanges (EXCHANGE_PREFIX); default names when unset. */
  naming?: ExchangeNaming;
}

export interface RpcRequest<T extends MessageType, R extends z.ZodType> {
  exchange: string;
  routingKey: string;
  type: T;
  body: BodyOf<T>;
  /** Validates the responder's result; a mismatch is an error, not a silently wrong value. */
  resultSchema: R;
  timeoutMs?: number;
  priority?: number;
  tenant?: string;
}

interface PendingRequest {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  resultSchema: z.ZodType;
  exchange: string;
  routingKey: string;
}

export class RpcClient {
  readonly #options: RpcClientOptions;
  readonly #pending = new Map<string, PendingRequest>();
  #channel: Promise<Channel> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: RpcClientOptions) {
    this.#options = options;
  }

  async request<T extends MessageType, R extends z.ZodType>(asked: RpcRequest<T, R>): Promise<z.infer<R>> {
    if (this.#closing !== undefined) throw new BusClosedError('request');
    const naming = this.#options.naming ?? defaultExchangeNaming;
    const request = { ...asked, exchange: naming.resolve(asked.exchange) };
    const parsed = request.type.schema.parse(request.body);
    const channel = await this.#openChannel();
    const correlationId = randomUUID();
    const encoded = encodeMessage(
      {
        exchange: request.exchange,
        routingKey: request.routingKey,
        type: request.type.name,
        body: parsed,
        correlationId,
        replyTo: directReplyTo,
        priority: request.priority,
        tenant: request.tenant,
      },
      this.#options.appId,
    );
    const timeoutMs = request.timeoutMs ?? this.#options.timeoutMs ?? 5_000;
    const headers = encoded.options.headers as Record<string, unknown>;
    const span = startProducerSpan(
      this.#options.tracer,
      request.exchange,
      request.routingKey,
      encoded.messageId,
      headers,
    );
    try {
      return (await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.#pending.delete(correlationId);
          reject(new RequestTimeoutError(request.type.name, timeoutMs));
        }, timeoutMs);
        const settle =
          <A>(fn: (arg: A) => void) =>
          (arg: A) => {
            clearTimeout(timer);
            this.#pending.delete(correlationId);
            fn(arg);
          };
        this.#pending.set(correlationId, {
          resolve: settle(resolve),
          reject: settle(reject),
          resultSchema: request.resultSchema,
          exchange: request.exchange,
          routingKey: request.routingKey,
        });
        channel.publish(request.exchange, request.routingKey, encoded.content, encoded.options);
      })) as z.infer<R>;
    } finally {
      span.end();
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    for (const pending of this.#pending.values()) pending.reject(new BusClosedError('request'));
    const channel = await this.#channel?.catch(() => undefined);
    await channel?.close().catch((error: unknown) => {
      this.#options.logger.debug({ err: error }, 'rpc channel was already closing');
    });
  }

  /** One channel both publishes requests and consumes replies: direct reply-to requires it. */
  #openChannel(): Promise<Channel> {
    this.#channel ??= this.#createChannel().catch((error: unknown) => {
      this.#channel = undefined;
      throw error;
    });
    return this.#channel;
  }

  async #createChannel(): Promise<Channel> {
    const model = await this.#options.connection.ready();
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.#options.logger.warn({ err: error }, 'rpc channel error'));
    channel.on('close', () => {
      this.#channel = undefined;
    });
    channel.on('return', (message: Message) => this.#onReturn(message));
    await channel.consume(directReplyTo, (message) => this.#onReply(message), { noAck: true });
    return channel;
  }

  #onReply(message: ConsumeMessage | null): void {
    if (message === null) return;
    const correlationId = message.properties.correlationId as string | undefined;
    const pending = correlationId === undefined ? undefined : this.#pending.get(correlationId);
    if (pending === undefined) {
      this.#options.logger.warn({ correlationId }, 'dropping a late or unknown reply');
      return;
    }
    const reply = replyBodySchema.safeParse(safeJson(message.content));
    if (!reply.success) {
      pending.reject(
        new RemoteError({ code: BusErrorCode.badReply, message: 'malformed reply', retryable: false }),
      );
      return;
    }
    if (!reply.data.ok) {
      pending.reject(new RemoteError(reply.data.error));
      return;
    }
    const result = pending.resultSchema.safeParse(reply.data.result);
    if (result.success) pending.resolve(result.data);
    else
      pending.reject(
        new RemoteError({ code: BusErrorCode.badReply, message: result.error.message, retryable: false }),
      );
  }

  #onReturn(message: Message): void {
    const correlationId = message.properties.correlationId as string | undefined;
    const pending = correlationId === undefined ? undefined : this.#pending.get(correlationId);
    pending?.reject(new UnroutableError(pending.exchange, pending.routingKey, returnedReplyText(message)));
  }
}

function safeJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
}
