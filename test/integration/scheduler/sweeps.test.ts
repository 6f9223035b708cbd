import { orderSweepsCollection, type Scheduler } from '@conveyor/scheduler';
import { idempotencyKeysCollection, noteStepRetry } from '@conveyor/orders';
import { markOutboxSent, outboxEntries, outboxFields } from '@conveyor/outbox';
import { runIdOf, scheduleRunsCollection } from '@conveyor/schedules';
import { createInbox } from '@conveyor/store';
import { Header } from '@conveyor/bus';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../../support/index.ts';
import { SchedulerFixture, type StringIdDocument } from './scheduler-fixture.ts';

const hourMs = 3_600_000;
/**
 * A placed-message type only this suite binds: the sweep re-publishes the order's `<orderId>:placed`
 * entry, whose delivery runs every forward step, whatever its type.
 */
const stepType = 'scheduler-test.placed.v1';

describe('scheduler: sweeps', () => {
  let fixture = new SchedulerFixture();
  afterEach(async () => {
    await fixture.cleanUp();
    fixture = new SchedulerFixture();
  });

  async function leader(settings: Record<string, string> = {}): Promise<Scheduler> {
    const { scheduler } = await fixture.start(settings);
    await waitFor(() => scheduler.isLeader(), { what: 'leadership' });
    return scheduler;
  }

  /** An order whose reserve step is done and whose payment step is past its deadline. */
  async function insertStuckOrder(): Promise<{ orderId: string; stepMessageId: string }> {
    // stepMessageId: the message that runs the stuck step, the order's placed entry.
    const orderId = uniqueName('order');
    const now = new Date();
    const step = (state: 'pending' | 'done') => ({
      state,
      ref: state === 'done' ? 'ref-1' : null,
      attempts: 1,
      updatedAt: now,
      error: null,
    });
    const [placed, reserved] = outboxEntries([
      {
        messageId: `${orderId}:placed`,
        exchange: 'conveyor.events',
        routingKey: stepType,
        type: stepType,
        body: { orderId },
        headers: { [Header.tenant]: fixture.tenant },
      },
      {
        messageId: `${orderId}:reserve:done`,
        exchange: 'conveyor.events',
        routingKey: 'scheduler-test.stock-reserved.v1',
        type: 'scheduler-test.stock-reserved.v1',
        body: { orderId, reservationId: 'ref-1' },
        headers: { [Header.tenant]: fixture.tenant },
      },
    ]);
    if (placed === undefined || reserved === undefined) throw new Error('two outbox entries expected');
    const store = await fixture.store();
    await store.db.collection<StringIdDocument>('orders').insertOne({
      _id: orderId,
      tenantId: fixture.tenant,
      customerId: 'customer-1',
      email: 'customer@example.com',
      items: [{ sku: 'SKU-1', qty: 1 }],
      express: false,
      status: 'in_progress',
      steps: { reserve: step('done'), payment: step('pending'), shipping: step('pending') },
      sequence: 2,
      history: [],
      traceId: null,
      idempotencyKey: null,
      requestHash: null,
      createdAt: now,
      updatedAt: now,
      stepDeadline: new Date(now.getTime() - 60_000),
      ...outboxFields([placed, reserved]),
    });
    return { orderId, stepMessageId: placed.messageId };
  }

  /** The worker's note that the step message went round a retry tier: its copy carries `attempt`. */
  async function noteRetry(
    orderId: string,
    messageId: string,
    attempt: number,
    dueInMs: number,
  ): Promise<void> {
    const now = Date.now();
    await noteStepRetry(await fixture.store(), {
      tenantId: fixture.tenant,
      orderId,
      messageId,
      attempt,
      dueAt: new Date(now + dueInMs),
      notedAt: new Date(now),
    });
  }

  it('sweeps stuck orders on every pass, and retention only once its interval has passed', async () => {
    const scheduler = await leader({ RETENTION_INTERVAL_MS: '3600000' });

    const report = await scheduler.runSweeps();

    expect(report?.retention).toBeUndefined();
    expect(report?.stuckOrdersRepublished).toBe(0);
  });

  it('leaves alone an order past its step deadline whose step message waits in a retry tier', async () => {
    const received = await fixture.collect(stepType);
    const { orderId, stepMessageId } = await insertStuckOrder();
    // The longest tier (10 min) outlasts the step timeout (5 min): the copy is due back in 9 minutes.
    await noteRetry(orderId, stepMessageId, 4, 9 * 60_000);
    const scheduler = await leader();

    expect((await scheduler.runSweeps())?.stuckOrdersRepublished).toBe(0);

    const store = await fixture.store();
    expect(await store.db.collection(orderSweepsCollection).countDocuments({ orderId })).toBe(0);
    expect(received).toEqual([]);
  });

  it('re-publishes the message that runs the stuck step of an order past its deadline, under its own message id and attempt, a bounded number of times', async () => {
    const received = await fixture.collect(stepType);
    const { orderId, stepMessageId } = await insertStuckOrder();
    // Its retry (attempt 3) was due five minutes ago and never came back.
    await noteRetry(orderId, stepMessageId, 3, -5 * 60_000);
    const scheduler = await leader({ STUCK_ORDER_MAX_SWEEPS: '2' });

    expect((await scheduler.runSweeps())?.stuckOrdersRepublished).toBe(1);
    expect((await scheduler.runSweeps())?.stuckOrdersRepublished).toBe(1);
    expect((await scheduler.runSweeps())?.stuckOrdersRepublished).toBe(0);

    await waitFor(() => received.length >= 2, { what: 'two re-published step messages' });
    expect(received.map((message) => [message.messageId, message.attempt])).toEqual([
      [stepMessageId, 3],
      [stepMessageId, 3],
    ]);
    expect(received.every((message) => message.type === stepType)).toBe(true);
    expect(received[0]?.body).toEqual({ orderId });
    const sweeps = await (
      await fixture.store()
    ).db
      .collection(orderSweepsCollection)
      .countDocuments({ orderId });
    expect(sweeps).toBe(2);
  });

  it('deletes inbox records, finished jobs, schedule runs, idempotency keys and outbox markers past their retention, keeping each schedule’s latest run', async () => {
    const store = await fixture.store();
    const now = Date.now();
    const old = new Date(now - 200 * hourMs);
    const oldInbox = createInbox(store, { clock: () => old.getTime() });
    await oldInbox.claim({
      queue: uniqueName('queue'),
      messageId: 'm-1',
      payloadHash: 'h',
      leaseMs: 1_000,
      crashLimit: 3,
    });
    const jobs = store.db.collection<StringIdDocument>('jobs');
    await jobs.insertMany([
      { _id: 'old-finished', tenantId: fixture.tenant, status: 'completed', updatedAt: old },
      { _id: 'recent-finished', tenantId: fixture.tenant, status: 'completed', updatedAt: new Date(now) },
      {
        _id: 'old-unfinished',
        tenantId: fixture.tenant,
        status: 'scheduled',
        updatedAt: old,
        runAt: new Date(now + 365 * 24 * hourMs),
      },
    ]);
    const run = (scheduleId: string, hoursAgo: number) => {
      const fireTime = new Date(now - hoursAgo * hourMs);
      return {
        _id: runIdOf(scheduleId, fireTime),
        tenantId: fixture.tenant,
        scheduleId,
        fireTime,
        fencingToken: 1,
        holderId: 'test',
        status: 'fired',
        catchUp: false,
        firedAt: fireTime,
      };
    };
    await store.db.collection<StringIdDocument>(scheduleRunsCollection).insertMany([
      run('yearly', 300), // only old runs: the latest one must stay
      run('yearly', 200),
      run('hourly', 200),
      run('hourly', 1),
    ]);
    const keys = store.db.collection<StringIdDocument>(idempotencyKeysCollection);
    await keys.insertMany([
      { _id: `${fixture.tenant}\u001fold-key`, orderId: 'o-1', createdAt: new Date(now - 25 * hourMs) },
      { _id: `${fixture.tenant}\u001fnew-key`, orderId: 'o-2', createdAt: new Date(now - hourMs) },
    ]);
    await markOutboxSent(store, 'jobs', 'old-finished', ['old-marker'], old);
    await markOutboxSent(store, 'jobs', 'recent-finished', ['recent-marker'], new Date(now));
    const scheduler = await leader({
      INBOX_RETENTION_HOURS: '72',
      JOB_RETENTION_HOURS: '168',
      IDEMPOTENCY_KEY_RETENTION_HOURS: '24',
      // Due on the first pass (1 ms after start), rather than an hour after.
      RETENTION_INTERVAL_MS: '1',
    });

    const report = await scheduler.runSweeps();

    expect(report?.retention).toEqual({
      inboxRecords: 1,
      jobs: 1,
      scheduleRuns: 2,
      orderSweeps: 0,
      idempotencyKeys: 1,
      orderStepRecords: 0,
      orderStepRetries: 0,
      outboxMarkers: 1,
    });
    expect((await keys.find({}).toArray()).map((key) => key._id)).toEqual([`${fixture.tenant}\u001fnew-key`]);
    const markers = await store.db.collection('outbox_sent').find({}).toArray();
    expect(markers.map((marker) => marker._id)).toEqual(['recent-marker']);
    expect((await jobs.find({}).toArray()).map((job) => job._id).sort()).toEqual([
      'old-unfinished',
      'recent-finished',
    ]);
    const remaining = await store.db
      .collection(scheduleRunsCollection)
      .find({})
      .sort({ fireTime: 1 })
      .toArray();
    expect(remaining.map((document) => document._id)).toEqual([run('yearly', 200)._id, run('hourly', 1)._id]);
  });
});
