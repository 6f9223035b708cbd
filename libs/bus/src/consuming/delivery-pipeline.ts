// What happens to one delivery, as an ordered list of checks that each end in a decision:
// size → messageId → inbox claim (before parsing, so a body that crashes us is still counted)
// → known type → valid body → handler → done / retry tier / dead letter / reply, or handed back to
// the queue when a stop's budget ran out while the handler ran. A crash suspect (its last holder died
// holding it) runs alone in the process, so that a death during it is counted against it alone.
// The retry tier is chosen in retries/, a poison message's reason in dead-letters/.
import { randomUUID } from 'node:crypto';
import { errorCode, errorMessage, isRetryable, type MessageType, type WireError } from '@conveyor/contracts';
import type { ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { ConsumerStats } from './consumer-stats.ts';
import { DeadlineSweep } from '../deadlines/deadline-sweep.ts';
import type { Envelope } from '../envelope/envelope.ts';
import { runWithDeadline } from './handler-deadline.ts';
import { HandlerStopTimeoutError } from '../errors/handler-stop-timeout-error.ts';
import type { RunningHandlers } from './running-handlers.ts';
import type { SoloGate } from './solo-gate.ts';
import { DeadLetterReason, Header } from '../envelope/headers.ts';
import { deadLetterHeaders } from '../dead-letters/dead-letter-headers.ts';
import { deadLetterOfClaim, deadLetterOfFailure, type DeadLetter } from '../dead-letters/poison-verdicts.ts';
import type { InboxClaim, InboxPort } from '@conveyor/contracts';
import { HandlerMessage, type MessageHandler } from './inbound-message.ts';
import { retryInboxWrite, type InboxAvailability, type InboxRetryOptions } from '../inbox/inbox-retry.ts';
import { waitForHolderLapse, type HolderLapseWaitOptions } from '../inbox/holder-lapse-wait.ts';
import { payloadHash } from '../inbox/payload-hash.ts';
import type { Publisher } from '../publishing/publisher.ts';
import { deferralTier, tierAfterFailure, type RetryPolicy } from '../retries/retry-policy.ts';
import { retryExchangeName } from '../retries/retry-tiers.ts';
import { Exchange } from '../topology/topology.ts';
import { replyType, type ReplyBody } from '../rpc/reply.ts';

export interface HandlerEntry {
  type: MessageType;
  handler: MessageHandler<unknown>;
}

export interface PipelineOptions {
  queue: string;
  handlers: ReadonlyMap<string, HandlerEntry>;
  publisher: Publisher;
  logger: Logger;
  retry: RetryPolicy;
  inbox: InboxPort | undefined;
  handlerTimeoutMs: number;
  leaseMs: number;
  crashLimit: number;
  maxBodyBytes: number;
  stats: ConsumerStats;
  /** Failed inbox writes hold the delivery and are tried again (see inbox-retry.ts). */
  inboxRetry: InboxRetryOptions;
  inboxAvailability: InboxAvailability;
  /** A copy whose holder's liveness runs out soon waits for it (see holder-lapse-wait.ts). */
  heldWait: HolderLapseWaitOptions;
  /** The host's running handlers: a stop past its budget aborts them (see running-handlers.ts). */
  running: RunningHandlers;
  /** The process's gate: suspects run alone, every other handler beside the rest (see solo-gate.ts). */
  soloGate: SoloGate;
}

/** How the host settles a delivery once the pipeline is through with it. */
export type Settlement = 'ack' | 'requeue';

type Decision =
  | { kind: 'done'; result: unknown }
  | { kind: 'retry'; error: unknown }
  | ({ kind: 'dead-letter' } & DeadLetter)
  | { kind: 'reply-error'; error: unknown }
  /** Stopped before the handler finished: back to the queue as it came, neither an attempt nor a crash. */
  | { kind: 'hand-back'; error: HandlerStopTimeoutError };

/** Headers the broker adds on dead-lettering; dropped when we republish so they do not pile up. */
const brokerDeathHeaders = [
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
];

export class DeliveryPipeline {
  readonly #options: PipelineOptions;
  readonly #deadlines: DeadlineSweep;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#deadlines = new DeadlineSweep(options.handlerTimeoutMs);
  }

  /**
   * Resolves with how to settle the delivery: acked, or requeued when a stop aborted its handler
   * (its claim released first). Rejects when a side publish failed and it must go back to the broker.
   */
  async process(delivery: ConsumeMessage, envelope: Envelope): Promise<Settlement> {
    const { maxBodyBytes, inbox } = this.#options;
    const size = delivery.content.byteLength;
    if (size > maxBodyBytes) {
      return this.#deadLetter(delivery, envelope, {
        reason: DeadLetterReason.tooLarge,
        error: `${size} bytes > ${maxBodyBytes}`,
      });
    }
    const messageId = envelope.messageId;
    if (messageId === undefined) {
      return this.#deadLetter(delivery, envelope, {
        reason: DeadLetterReason.missingMessageId,
        error: 'no messageId property',
      });
    }
    if (inbox === undefined) {
      const decision = await this.#options.soloGate.beside(() =>
        this.#decide(delivery, envelope, messageId, undefined),
      );
      return this.#carryOut(delivery, envelope, decision);
    }

    // One request object for every try, so a claim whose insert landed but whose answer was lost is
    // recognised as this delivery's own (its claimToken) rather than as another holder's.
    const request = {
      queue: this.#options.queue,
      messageId,
      payloadHash: payloadHash(delivery.content),
      leaseMs: this.#options.leaseMs,
      crashLimit: this.#options.crashLimit,
      claimToken: randomUUID(),
    };
    let outcome = await this.#untilWritten('claim', () => inbox.claim(request));
    // Only a redelivery (the broker took the message back from a holder whose channel died) waits for
    // the holder to lapse; a second copy of a live holder's message is deferred at once.
    if (
      outcome.kind === 'held' &&
      delivery.fields.redelivered &&
      (await waitForHolderLapse(outcome.holderAliveUntil, this.#options.heldWait))
    ) {
      outcome = await this.#untilWritten('claim', () => inbox.claim(request));
    }
    switch (outcome.kind) {
      case 'done':
        this.#options.stats.duplicatesSkipped += 1;
        return 'ack';
      case 'held':
        return this.#defer(delivery, envelope);
      case 'reused-id':
      case 'crash-loop':
        return this.#deadLetter(delivery, envelope, deadLetterOfClaim(outcome));
      case 'acquired': {
        const claim = outcome.claim;
        const decision = await this.#decideInTurn(delivery, envelope, messageId, claim);
        // Done is recorded before the ack; any other end gives the claim up without counting a crash,
        // before the retry copy is published so that it finds the claim released. Either write is
        // tried until it lands: a claim left held would make the next delivery count a crash.
        if (decision.kind === 'done') await this.#untilWritten('done-mark', () => inbox.markDone(claim));
        else await this.#untilWritten('release', () => inbox.release(claim));
        return this.#carryOut(delivery, envelope, decision);
      }
    }
  }

  /** A suspect waits to run alone and says so on its claim first; any other handler runs beside the rest. */
  #decideInTurn(
    delivery: ConsumeMessage,
    envelope: Envelope,
    messageId: string,
    claim: InboxClaim,
  ): Promise<Decision> {
    const { soloGate, inbox } = this.#options;
    if (!claim.suspect || inbox === undefined) {
      return soloGate.beside(() => this.#decide(delivery, envelope, messageId, claim));
    }
    return soloGate.alone(async () => {
      await this.#untilWritten('isolation', () => inbox.isolate(claim));
      this.#options.logger.info(
        { messageId, epoch: claim.epoch, crashes: claim.crashes },
        'running a crash suspect alone',
      );
      return this.#decide(delivery, envelope, messageId, claim);
    });
  }

  #untilWritten<T>(what: string, write: () => Promise<T>): Promise<T> {
    return retryInboxWrite(what, write, this.#options.inboxAvailability, this.#options.inboxRetry);
  }

  async #decide(
    delivery: ConsumeMessage,
    envelope: Envelope,
    messageId: string,
    claim: InboxClaim | undefined,
  ): Promise<Decision> {
    // A delivery that reaches its handler only after the stop budget ran out is not started at all.
    const stopped = this.#options.running.abortedWith;
    if (stopped !== undefined) return { kind: 'hand-back', error: stopped };
    const typeName = envelope.type;
    const entry = typeName === undefined ? undefined : this.#options.handlers.get(typeName);
    if (typeName === undefined || entry === undefined) {
      return {
        kind: 'dead-letter',
        reason: DeadLetterReason.unknownType,
        error: `no handler for type ${typeName}`,
      };
    }
    const parsed = parseBody(delivery.content, entry.type);
    if (!parsed.ok) return { kind: 'dead-letter', reason: DeadLetterReason.invalidBody, error: parsed.error };
    try {
      const result = await runWithDeadline(
        (signal) =>
          entry.handler(
            new HandlerMessage(
              {
                body: parsed.body,
                envelope: { ...envelope, messageId, type: typeName },
                queue: this.#options.queue,
                claim,
              },
              signal,
            ),
          ),
        {
          timeoutMs: this.#options.handlerTimeoutMs,
          deadlines: this.#deadlines,
          inbox: this.#options.inbox,
          claim,
          leaseMs: this.#options.leaseMs,
          logger: this.#options.logger,
          running: this.#options.running,
        },
      );
      return { kind: 'done', result };
    } catch (error) {
      if (error instanceof HandlerStopTimeoutError) return { kind: 'hand-back', error };
      return this.#decideOnFailure(envelope, error);
    }
  }

  #decideOnFailure(envelope: Envelope, error: unknown): Decision {
    // A caller waiting with a timeout is answered now rather than retried behind its back.
    if (envelope.replyTo !== undefined) return { kind: 'reply-error', error };
    const deadLetter = deadLetterOfFailure(error, envelope.attempt, this.#options.retry);
    return deadLetter === undefined ? { kind: 'retry', error } : { kind: 'dead-letter', ...deadLetter };
  }

  async #carryOut(delivery: ConsumeMessage, envelope: Envelope, decision: Decision): Promise<Settlement> {
    switch (decision.kind) {
      case 'done':
        if (envelope.replyTo !== undefined)
          await this.#reply(envelope, { ok: true, result: decision.result });
        return 'ack';
      case 'reply-error':
        await this.#reply(envelope, { ok: false, error: toWire(decision.error) });
        return 'ack';
      case 'dead-letter':
        return this.#deadLetter(delivery, envelope, decision);
      case 'retry':
        await this.#retry(delivery, envelope, decision.error);
        return 'ack';
      case 'hand-back':
        this.#options.logger.info(
          { messageId: envelope.messageId, err: decision.error },
          'stop budget spent: handing the delivery back to the queue',
        );
        this.#options.stats.handedBack += 1;
        return 'requeue';
    }
  }

  async #retry(delivery: ConsumeMessage, envelope: Envelope, error: unknown): Promise<void> {
    const attempt = envelope.attempt;
    const tier = tierAfterFailure(this.#options.retry, attempt);
    this.#options.logger.info(
      { messageId: envelope.messageId, attempt, tier: tier.name, err: error },
      'retrying',
    );
    await this.#republish(delivery, envelope, retryExchangeName(tier), this.#options.queue, {
      [Header.attempt]: attempt + 1,
    });
    this.#options.stats.retried += 1;
  }

  /** A copy whose lease is held elsewhere (by a live holder) waits one short tier; no attempt is counted. */
  async #defer(delivery: ConsumeMessage, envelope: Envelope): Promise<Settlement> {
    const tier = deferralTier(this.#options.retry);
    await this.#republish(delivery, envelope, retryExchangeName(tier), this.#options.queue, {
      [Header.deferrals]: envelope.deferrals + 1,
    });
    this.#options.stats.deferred += 1;
    return 'ack';
  }

  async #deadLetter(delivery: ConsumeMessage, envelope: Envelope, letter: DeadLetter): Promise<Settlement> {
    const { logger, queue } = this.#options;
    logger.warn(
      { messageId: envelope.messageId, reason: letter.reason, error: letter.error },
      'dead-lettering',
    );
    await this.#republish(
      delivery,
      envelope,
      Exchange.deadLetters,
      queue,
      deadLetterHeaders(letter, envelope.attempt, queue),
    );
    this.#options.stats.deadLettered += 1;
    return 'ack';
  }

  async #republish(
    delivery: ConsumeMessage,
    envelope: Envelope,
    exchange: string,
    routingKey: string,
    headerChanges: Record<string, unknown>,
  ): Promise<void> {
    const headers = Object.fromEntries(
      Object.entries({ ...envelope.headers, ...headerChanges }).filter(
        ([name]) => !brokerDeathHeaders.includes(name),
      ),
    );
    await this.#options.publisher.forward({
      exchange,
      routingKey,
      type: envelope.type ?? '',
      body: delivery.content,
      messageId: envelope.messageId,
      correlationId: envelope.correlationId,
      priority: envelope.priority,
      replyTo: envelope.replyTo,
      attempt: numberOr(headers[Header.attempt], envelope.attempt),
      headers,
    });
  }

  async #reply(envelope: Envelope, body: ReplyBody): Promise<void> {
    const replyTo = envelope.replyTo;
    if (replyTo === undefined) return;
    await this.#options.publisher.publish({
      exchange: '',
      routingKey: replyTo,
      type: replyType,
      body,
      correlationId: envelope.correlationId,
      // The caller may have given up and gone; a lost reply is its timeout's business.
      mandatory: false,
    });
    this.#options.stats.replied += 1;
  }
}

type ParsedBody = { ok: true; body: unknown } | { ok: false; error: string };

function parseBody(content: Buffer, type: MessageType): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `body is not JSON: ${errorMessage(error)}` };
  }
  const result = type.schema.safeParse(json);
  if (result.success) return { ok: true, body: result.data };
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return { ok: false, error: `body does not match ${type.name}: ${issues.join('; ')}` };
}

function toWire(error: unknown): WireError {
  return { code: errorCode(error), message: errorMessage(error), retryable: isRetryable(error) };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
