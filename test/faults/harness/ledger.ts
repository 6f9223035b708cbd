// The side-effect ledger: for every order a scenario attempted, what actually happened, read from
// where the effects land: the order document (status, history), the sandbox providers' append-only
// log of applied calls (`sandbox_effect_log`, one entry per application, so a second charge counts)
// and their keyed records (`sandbox_effects`, proof of one application should the log entry be
// missing), the e-mails the SMTP peer accepted (per kind: distinct Message-IDs, and resends of the
// same one) and the archived dead letters (by reason). Read it only once the system is quiet (quiet.ts).
import { sandboxEffectLogCollection, sandboxEffectsCollection } from '@conveyor/fulfilment-worker';
import type { Db } from 'mongodb';
import type { MailBook } from './mail-book.ts';
import {
  expectedDeadLetterReason,
  expectedEffects,
  expectedEmails,
  expectedStatus,
  type OrderSpec,
} from './order-mix.ts';

export interface OrderVerdict {
  readonly spec: OrderSpec;
  readonly orderId: string | undefined;
  /** `ended-as-expected` is a deliberate failure (or dead letter) that ended the way it must. */
  readonly verdict: 'completed' | 'ended-as-expected' | 'lost';
  /** What is missing or wrong, for a lost order. */
  readonly why: string[];
  /** Effects beyond one: provider operations, e-mails with another Message-ID, history entries, orders. */
  readonly duplicates: number;
  /** The same e-mail (same Message-ID) received again. */
  readonly resends: number;
  /** Applied operations with a keyed record but no log entry (a provider died between the two). */
  readonly unlogged: number;
}

export interface Ledger {
  readonly attempted: number;
  readonly completed: number;
  readonly endedAsExpected: number;
  readonly lost: number;
  readonly duplicateEffects: number;
  readonly resends: number;
  /** See OrderVerdict.unlogged. */
  readonly unloggedEffects: number;
  /** Archived dead letters of this scenario's orders (and of `extraDeadLetters`), by reason. */
  readonly deadLettered: Record<string, number>;
  readonly verdicts: readonly OrderVerdict[];
}

export interface OrderRecord {
  _id: string;
  customerId: string;
  status: string;
  history: { event: string }[];
}

export interface EffectRecord {
  orderId: string;
  operation: string;
  outcome: string;
}

/** One applied call, from the providers' append-only log. */
export interface LoggedEffect {
  orderId: string;
  operation: string;
}

interface DeadLetterRecord {
  messageId: string | null;
  reason: string;
  body: string;
  deadLetteredAt: Date;
}

export interface LedgerQuery {
  readonly db: Db;
  readonly book: MailBook;
  /** The scenario's name: every customer id starts with it. */
  readonly scenario: string;
  readonly specs: readonly OrderSpec[];
  /** Dead letters archived from this time on are considered. */
  readonly since: Date;
  /** Dead letters that belong to the scenario though no order does (garbage it published). */
  readonly isScenarioDeadLetter?: (entry: { messageId: string | null; body: string }) => boolean;
}

export async function readLedger(query: LedgerQuery): Promise<Ledger> {
  const { db, book, scenario } = query;
  const orders = await db
    .collection<OrderRecord>('orders')
    .find(
      { customerId: { $regex: `^${scenario}-` } },
      { projection: { _id: 1, customerId: 1, status: 1, history: 1 } },
    )
    .toArray();
  const ordersByCustomer = groupBy(orders, (order) => order.customerId);
  const orderIds = new Set(orders.map((order) => order._id));
  const effects = (
    await db
      .collection<EffectRecord>(sandboxEffectsCollection)
      .find({ outcome: 'applied' }, { projection: { _id: 0, orderId: 1, operation: 1, outcome: 1 } })
      .toArray()
  ).filter((effect) => orderIds.has(effect.orderId));
  const effectsByOrder = groupBy(effects, (effect) => effect.orderId);
  const logged = (
    await db
      .collection<LoggedEffect>(sandboxEffectLogCollection)
      .find({}, { projection: { _id: 0, orderId: 1, operation: 1 } })
      .toArray()
  ).filter((entry) => orderIds.has(entry.orderId));
  const loggedByOrder = groupBy(logged, (entry) => entry.orderId);
  const deadLetters = (
    await db
      .collection<DeadLetterRecord>('dead_letters')
      .find({ deadLetteredAt: { $gte: query.since } })
      .toArray()
  ).filter(
    (entry) => orderIds.has(orderIdOf(entry.messageId)) || (query.isScenarioDeadLetter?.(entry) ?? false),
  );
  const deadLettersByOrder = groupBy(deadLetters, (entry) => orderIdOf(entry.messageId));

  const verdicts = query.specs.map((spec) => {
    const found = ordersByCustomer.get(spec.customerId) ?? [];
    const order = found[0];
    return judge(spec, {
      order,
      extraOrders: Math.max(0, found.length - 1),
      effects: order === undefined ? [] : (effectsByOrder.get(order._id) ?? []),
      logged: order === undefined ? [] : (loggedByOrder.get(order._id) ?? []),
      deadLetterReasons: (order === undefined ? [] : (deadLettersByOrder.get(order._id) ?? [])).map(
        (entry) => entry.reason,
      ),
      mails: book.of(spec.email),
    });
  });
  const deadLettered: Record<string, number> = {};
  for (const entry of deadLetters) deadLettered[entry.reason] = (deadLettered[entry.reason] ?? 0) + 1;
  const count = (verdict: OrderVerdict['verdict']) =>
    verdicts.filter((each) => each.verdict === verdict).length;
  return {
    attempted: query.specs.length,
    completed: count('completed'),
    endedAsExpected: count('ended-as-expected'),
    lost: count('lost'),
    duplicateEffects: sum(verdicts.map((each) => each.duplicates)),
    resends: sum(verdicts.map((each) => each.resends)),
    unloggedEffects: sum(verdicts.map((each) => each.unlogged)),
    deadLettered,
    verdicts,
  };
}

export interface Observed {
  order: OrderRecord | undefined;
  extraOrders: number;
  /** The keyed records that applied (at most one per operation and idempotency key). */
  effects: readonly EffectRecord[];
  /** The append-only log: every application, however many. */
  logged: readonly LoggedEffect[];
  deadLetterReasons: readonly string[];
  mails: ReadonlyMap<string, { messageIds: Set<string>; received: number }>;
}

/** The verdict on one order from what was observed of it (pure: the ledger's rules in one place). */
export function judge(spec: OrderSpec, observed: Observed): OrderVerdict {
  const { order } = observed;
  const why: string[] = [];
  let duplicates = observed.extraOrders;
  let resends = 0;
  if (order === undefined) why.push('no order stored');

  const status = expectedStatus(spec.expected);
  if (order !== undefined && status !== undefined && order.status !== status)
    why.push(`status ${order.status}, expected ${status}`);

  // The log counts applications; a keyed record without a log entry still proves one.
  const logged = countBy(observed.logged, (entry) => entry.operation);
  const recorded = countBy(observed.effects, (effect) => effect.operation);
  let unlogged = 0;
  const applied = new Map<string, number>();
  for (const operation of new Set([...logged.keys(), ...recorded.keys()])) {
    const times = logged.get(operation) ?? 0;
    if (times === 0) unlogged += 1;
    applied.set(operation, Math.max(times, 1));
  }
  const wanted = new Set(expectedEffects(spec.expected));
  for (const operation of wanted) {
    const times = applied.get(operation) ?? 0;
    if (times === 0) why.push(`${operation} never applied`);
    duplicates += Math.max(0, times - 1);
  }
  for (const [operation, times] of applied)
    if (!wanted.has(operation)) why.push(`${operation} applied ${String(times)}×`);

  const mailKinds = new Set(expectedEmails(spec.expected));
  for (const kind of mailKinds) {
    const mails = observed.mails.get(kind);
    if (mails === undefined) why.push(`e-mail ${kind} missing`);
    else {
      duplicates += mails.messageIds.size - 1;
      resends += mails.received - mails.messageIds.size;
    }
  }
  for (const kind of observed.mails.keys()) if (!mailKinds.has(kind)) why.push(`unexpected e-mail ${kind}`);

  const reason = expectedDeadLetterReason(spec.expected);
  if (reason !== undefined && !observed.deadLetterReasons.includes(reason))
    why.push(
      `no dead letter with reason ${reason} (has: ${observed.deadLetterReasons.join(', ') || 'none'})`,
    );
  if (reason === undefined && observed.deadLetterReasons.length > 0)
    why.push(`dead-lettered: ${observed.deadLetterReasons.join(', ')}`);

  for (const times of countBy(order?.history ?? [], (entry) => entry.event).values()) duplicates += times - 1;

  const verdict = why.length > 0 ? 'lost' : status === 'completed' ? 'completed' : 'ended-as-expected';
  return { spec, orderId: order?._id, verdict, why, duplicates, resends, unlogged };
}

/** Order message ids are `<orderId>:<what>` (see @conveyor/orders orderMessageIds). */
function orderIdOf(messageId: string | null): string {
  return messageId?.split(':')[0] ?? '';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
