// Every name the BullMQ peer uses in Redis, derived from one per-run prefix: the queues (BullMQ's
// `prefix` option), the order hashes, the idempotency keys and the e-mail ledger. One prefix per run
// means the run's keys are found (and removed) with one SCAN pattern.

export const fulfilmentQueue = 'fulfilment';
export const notificationsQueue = 'notifications';

/** The steps of an order, in order; each is one BullMQ job on the fulfilment queue. */
export const orderSteps = ['reserve', 'pay', 'ship', 'complete'] as const;
export type OrderStep = (typeof orderSteps)[number];

/** The e-mails the customer gets, as Conveyor's notifier sends them (confirmed at payment, shipped). */
export const emailKinds = ['confirmed', 'shipped'] as const;
export type EmailKind = (typeof emailKinds)[number];

export interface PeerKeys {
  /** BullMQ's key prefix of both queues. */
  bullPrefix: string;
  order(orderId: string): string;
  idempotency(key: string): string;
  /** Claimed (SET NX) before an e-mail is sent, so that a retried job does not send it twice. */
  emailSent(orderId: string, kind: EmailKind): string;
  /** SCAN pattern of every key of the run. */
  pattern: string;
}

export function peerKeys(prefix: string): PeerKeys {
  return {
    bullPrefix: `${prefix}:bull`,
    order: (orderId) => `${prefix}:order:${orderId}`,
    idempotency: (key) => `${prefix}:idem:${key}`,
    emailSent: (orderId, kind) => `${prefix}:sent:${orderId}:${kind}`,
    pattern: `${prefix}:*`,
  };
}

/**
 * BullMQ de-duplicates adds by job id (while the job exists), so a step retried after it added the next
 * one does not add it twice. Job ids may not contain ':'.
 */
export function stepJobId(orderId: string, step: OrderStep): string {
  return `${orderId}-${step}`;
}

export function emailJobId(orderId: string, kind: EmailKind): string {
  return `${orderId}-${kind}`;
}

/**
 * Conveyor publishes every message of an express order at AMQP priority 8, others at 4 (higher first);
 * BullMQ's 1 is its highest priority, so the same ranks are 10 − Conveyor's: 2 and 6. Every job has a
 * priority, as every Conveyor message has one, so both use their priority machinery throughout.
 */
export function jobPriority(express: boolean): number {
  return express ? 2 : 6;
}

/** Every job: retried with exponential backoff, as Conveyor's retry tier; removed once done. */
export const jobRetries = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 200 },
  removeOnComplete: true,
  removeOnFail: true,
} as const;
