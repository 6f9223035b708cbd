// The dashboard as operators use it: a real dashboard process, real servers, a real Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderProgressEvent, orderProgressSubject, type OrderProgressEvent } from '@conveyor/contracts';
import { createOrder } from '@conveyor/orders';
import { uniqueName, waitFor } from '../../support/index.ts';
import { launchChromium, screenshot, type TestBrowser } from './browser.ts';
import { openDashboardFixture, traceUiUrl, type DashboardFixture } from './dashboard-fixture.ts';

/** A document with a string id of the test's choosing (the driver's default id is an ObjectId). */
interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

/** Browser steps on a loaded two-core machine: generous, and every wait is on an event. */
const browserTestTimeout = 120_000;

describe('dashboard (real process, real browser)', () => {
  let fixture: DashboardFixture;
  let browser: TestBrowser;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    fixture = await openDashboardFixture();
    cleanups.push(() => fixture.cleanUp());
    browser = await launchChromium();
    cleanups.push(() => browser.close());
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A page at `path`, logging in first when the browser has no session yet. */
  async function loggedInPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${fixture.url}${path}`);
    if (new URL(page.url()).pathname === '/login') {
      await page.getByLabel('Admin key').fill(fixture.adminKey);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
    }
    return page;
  }

  it(
    'requires the admin key: pages lead to the login form, other requests are refused with 401',
    async () => {
      const asBrowser = await fetch(`${fixture.url}/dead-letters`, {
        headers: { accept: 'text/html' },
        redirect: 'manual',
      });
      expect(asBrowser.status).toBe(303);
      expect(asBrowser.headers.get('location')).toBe('/login?next=%2Fdead-letters');
      expect((await fetch(`${fixture.url}/queues`)).status).toBe(401);
      expect((await fetch(`${fixture.url}/schedules/any/pause`, { method: 'POST' })).status).toBe(401);
      const wrongBearer = await fetch(`${fixture.url}/queues`, {
        headers: { authorization: 'Bearer not-the-key' },
      });
      expect(wrongBearer.status).toBe(401);
      const rightBearer = await fetch(`${fixture.url}/queues`, {
        headers: { authorization: `Bearer ${fixture.adminKey}` },
      });
      expect(rightBearer.status).toBe(200);
      expect(rightBearer.headers.get('content-security-policy')).toContain("script-src 'nonce-");
      expect((await fetch(`${fixture.url}/readyz`)).status).toBe(200);

      await browser.context.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${fixture.url}/schedules`);
      await page.waitForURL(`${fixture.url}/login?next=%2Fschedules`);
      await screenshot(page, 'login');
      await page.getByLabel('Admin key').fill('not-the-admin-key');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('Wrong key.').waitFor();
      expect(await browser.context.cookies(fixture.url)).toEqual([]);

      await page.getByLabel('Admin key').fill(fixture.adminKey);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${fixture.url}/schedules`);
      expect(await browser.context.cookies(fixture.url)).toEqual([
        expect.objectContaining({ name: 'conveyor_dashboard_session', httpOnly: true, sameSite: 'Strict' }),
      ]);

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${fixture.url}/login`);
      await page.goto(`${fixture.url}/queues`);
      await page.waitForURL(`${fixture.url}/login?next=%2Fqueues`);
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'shows a poison message dead-lettered, replays it by a click, and the fixed handler then processes it',
    async () => {
      fixture.broken.add(1);
      const { messageId } = await fixture.publish(1);
      const entry = await waitFor(
        async () =>
          (await fixture.deadLetters.list({ queue: fixture.queue })).entries.find(
            (candidate) => candidate.messageId === messageId,
          ),
        { what: 'the poison message archived', timeoutMs: 20_000 },
      );

      const page = await loggedInPage(`/dead-letters?queue=${encodeURIComponent(fixture.queue)}`);
      const row = page.locator(`tr[data-dead-letter="${entry.id}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('permanent-failure');
      expect(await row.textContent()).toContain('task 1 hit a bug');
      await screenshot(page, 'dead-letters');

      await row.getByRole('link', { name: 'Open' }).click();
      await page.waitForURL(`${fixture.url}/dead-letters/${entry.id}`);
      expect(await page.locator('[data-field="reason"]').textContent()).toBe('permanent-failure');
      expect(await page.locator('[data-field="error"]').textContent()).toContain('task 1 hit a bug');
      expect(await page.locator('[data-field="attempts"]').textContent()).toBe('1');
      expect(JSON.parse((await page.locator('[data-field="body"]').textContent()) ?? '')).toEqual({ n: 1 });
      await screenshot(page, 'dead-letter');

      // The bug is fixed; the operator replays the letter.
      fixture.broken.delete(1);
      await page.getByRole('button', { name: 'Replay', exact: true }).click();
      await page.getByText('Replayed: the message is back in its queue').waitFor();
      const effects = fixture.store.db.collection<{ _id: string }>('handler_effects');
      await waitFor(() => effects.findOne({ _id: messageId }), {
        what: 'the replayed message processed by the handler',
        timeoutMs: 20_000,
      });
      expect((await fixture.deadLetters.get(entry.id))?.replayedAt).toBeInstanceOf(Date);
      expect(await page.locator('[data-field="replayed"] time').count()).toBe(1);

      // A letter is replayed once: the page offers no second replay, and a second request (a double
      // click, a stale page) is refused rather than repeating the effect.
      expect(await page.getByRole('button', { name: /Replay/ }).count()).toBe(0);
      expect(await page.locator('[data-field="replay-once"]').count()).toBe(1);
      const again = await fetch(`${fixture.url}/dead-letters/${entry.id}/replay`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${fixture.adminKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: '',
        redirect: 'manual',
      });
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe(`/dead-letters/${entry.id}?done=already-replayed`);
      await page.goto(`${fixture.url}${again.headers.get('location') ?? ''}`);
      await page.getByText('Not replayed again: this dead letter was replayed already').waitFor();
      expect(await effects.countDocuments({ _id: messageId })).toBe(1);
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'purges dead letters only after the confirmation step',
    async () => {
      fixture.broken.add(2).add(3);
      const published = [await fixture.publish(2), await fixture.publish(3)];
      const [first, second] = await waitFor(
        async () => {
          const { entries } = await fixture.deadLetters.list({ queue: fixture.queue });
          const found = published.map(({ messageId }) =>
            entries.find((entry) => entry.messageId === messageId),
          );
          return found.every((entry) => entry !== undefined) ? found : undefined;
        },
        { what: 'both poison messages archived', timeoutMs: 20_000 },
      );
      if (first === undefined || second === undefined) throw new Error('expected two dead letters');

      // A purge posted without the confirmation leads to the confirmation page and deletes nothing.
      const unconfirmed = await fetch(`${fixture.url}/dead-letters/purge`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${fixture.adminKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ id: first.id }).toString(),
        redirect: 'manual',
      });
      expect(unconfirmed.status).toBe(303);
      expect(unconfirmed.headers.get('location')).toBe(`/dead-letters/purge?id=${first.id}`);
      expect(await fixture.deadLetters.get(first.id)).not.toBeNull();

      const page = await loggedInPage(`/dead-letters/${first.id}`);
      await page.getByRole('link', { name: 'Purge…' }).click();
      await page.waitForURL(`${fixture.url}/dead-letters/purge?id=${first.id}`);
      await page.getByText('It cannot be undone').waitFor();
      await screenshot(page, 'purge-confirmation');
      expect(await fixture.deadLetters.get(first.id)).not.toBeNull();
      await page.getByRole('button', { name: 'Yes, purge' }).click();
      await page.getByText('Purged 1 dead letter.').waitFor();
      expect(await fixture.deadLetters.get(first.id)).toBeNull();
      expect(await fixture.deadLetters.get(second.id)).not.toBeNull();

      // Everything stored for the queue, from the per-queue table.
      await page.goto(`${fixture.url}/dead-letters?queue=${encodeURIComponent(fixture.queue)}`);
      await page.locator(`tr[data-queue="${fixture.queue}"]`).getByRole('link', { name: 'Purge…' }).click();
      await page.getByRole('button', { name: 'Yes, purge' }).click();
      await page.getByText(/Purged \d+ dead letters?\./).waitFor();
      expect((await fixture.deadLetters.list({ queue: fixture.queue })).entries).toEqual([]);
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'replays every letter of a queue not replayed yet from the per-queue table',
    async () => {
      fixture.broken.add(4);
      const { messageId } = await fixture.publish(4);
      await waitFor(
        async () =>
          (await fixture.deadLetters.list({ queue: fixture.queue })).entries.some(
            (entry) => entry.messageId === messageId,
          ),
        { what: 'the poison message archived', timeoutMs: 20_000 },
      );
      fixture.broken.delete(4);

      const page = await loggedInPage('/dead-letters');
      await page
        .locator(`tr[data-queue="${fixture.queue}"]`)
        .getByRole('button', { name: 'Replay all not replayed' })
        .click();
      await page
        .getByText(new RegExp(`Replayed \\d+ dead letters? of ${fixture.queue.replaceAll('.', '\\.')}\\.`))
        .waitFor();
      await waitFor(
        () => fixture.store.db.collection<StoredDocument>('handler_effects').findOne({ _id: messageId }),
        {
          what: 'the replayed message processed',
          timeoutMs: 20_000,
        },
      );
      const { entries } = await fixture.deadLetters.list({ queue: fixture.queue });
      expect(entries.find((entry) => entry.messageId === messageId)?.replayedAt).toBeInstanceOf(Date);
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'pauses and resumes a schedule from the schedules page',
    async () => {
      const scheduleId = uniqueName('sch');
      await fixture.store.db.collection<StoredDocument>('schedules').insertOne({
        _id: scheduleId,
        tenantId: 'dashboard-test',
        name: 'nightly-report',
        cron: '0 2 * * *',
        timeZone: 'Europe/Berlin',
        job: { type: 'report.daily', payload: {}, priority: 1 },
        overlap: 'skip',
        misfire: 'fire-once',
        paused: false,
        createdAt: new Date(),
      });
      const stored = () =>
        fixture.store.db.collection<StoredDocument>('schedules').findOne({ _id: scheduleId });

      const page = await loggedInPage('/schedules');
      const row = page.locator(`tr[data-schedule="${scheduleId}"]`);
      expect(await row.locator('[data-column="next-run"] time').getAttribute('datetime')).toMatch(
        /T0[01]:00:00\.000Z$/,
      );
      await screenshot(page, 'schedules');

      await row.getByRole('button', { name: 'Pause' }).click();
      await page.getByText(`Paused ${scheduleId}`).waitFor();
      expect(await row.locator('[data-column="state"]').textContent()).toContain('paused');
      expect(await row.locator('[data-column="next-run"]').textContent()).toContain('paused');
      expect((await stored())?.['paused']).toBe(true);
      expect((await stored())?.['pausedAt']).toBeInstanceOf(Date);

      await row.getByRole('button', { name: 'Resume' }).click();
      await page.getByText(`Resumed ${scheduleId}`).waitFor();
      expect(await row.locator('[data-column="state"]').textContent()).toContain('active');
      expect((await stored())?.['paused']).toBe(false);
      expect((await stored())?.['resumedAt']).toBeInstanceOf(Date);
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'shows an order with its trace linked to the trace UI, and follows its progress live',
    async () => {
      const tenant = uniqueName('dash');
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const { order } = await createOrder(fixture.store, {
        orderId: uniqueName('ord'),
        tenantId: tenant,
        customerId: 'customer-7',
        email: 'c7@example.test',
        items: [{ sku: 'WIDGET-1', qty: 2 }],
        express: true,
        traceId,
      });
      const progress = (event: Omit<OrderProgressEvent, 'orderId' | 'tenantId' | 'at'>) =>
        fixture.events.publish(orderProgressSubject(tenant, order._id), orderProgressEvent, {
          ...event,
          orderId: order._id,
          tenantId: tenant,
          at: new Date().toISOString(),
        });

      const page = await loggedInPage(`/orders?tenant=${tenant}`);
      await page.locator(`tr[data-order="${order._id}"]`).getByRole('link').click();
      await page.waitForURL(`${fixture.url}/orders/${order._id}`);
      expect(await page.locator('[data-trace-link]').getAttribute('href')).toBe(`${traceUiUrl}/${traceId}`);
      // The stream is open once the page says so: the dashboard subscribed before it answered.
      await page.locator('[data-live="connection"]', { hasText: 'live' }).waitFor();

      progress({ sequence: 2, status: 'in_progress', step: 'reserve', detail: 'stock reserved' });
      await page.locator('[data-live="status"]', { hasText: 'in_progress' }).waitFor();
      await page
        .locator('[data-live="log"] li', { hasText: '#2 in_progress · reserve — stock reserved' })
        .waitFor();
      await screenshot(page, 'order');

      progress({ sequence: 5, status: 'completed' });
      await page.locator('[data-live="status"]', { hasText: 'completed' }).waitFor();
      await page.locator('[data-live="connection"]', { hasText: 'finished' }).waitFor();

      await page.goto(`${fixture.url}/orders?tenant=${tenant}&status=accepted`);
      expect(await page.locator(`tr[data-order="${order._id}"]`).count()).toBe(1);
      await screenshot(page, 'orders');
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'shows a job and follows its status until it is finished',
    async () => {
      const tenant = uniqueName('dash');
      const jobId = uniqueName('job');
      const jobs = fixture.store.db.collection<StoredDocument>('jobs');
      const now = new Date();
      await jobs.insertOne({
        _id: jobId,
        tenantId: tenant,
        type: 'report.daily',
        payload: { format: 'pdf' },
        priority: 5,
        status: 'running',
        runAt: null,
        history: [{ at: now, event: 'accepted' }],
        traceId: null,
        idempotencyKey: null,
        requestHash: null,
        createdAt: now,
        updatedAt: now,
      });

      const page = await loggedInPage(`/jobs?tenant=${tenant}&status=running`);
      await page.locator(`tr[data-job="${jobId}"]`).waitFor();
      await screenshot(page, 'jobs');
      await page.locator(`tr[data-job="${jobId}"]`).getByRole('link').click();
      await page.waitForURL(`${fixture.url}/jobs/${jobId}`);
      await page.locator('[data-live="connection"]', { hasText: 'live' }).waitFor();

      await jobs.updateOne(
        { _id: jobId },
        { $set: { status: 'completed', result: { rows: 3 }, updatedAt: new Date() } },
      );
      await page.locator('[data-live="status"]', { hasText: 'completed' }).waitFor();
      await page.locator('[data-live="connection"]', { hasText: 'finished' }).waitFor();
      await screenshot(page, 'job');
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'shows ready, unacked and consumers of each queue, with rates from the second sample on',
    async () => {
      const held = fixture.hold(10);
      await fixture.publish(10);
      await held.started;
      const channel = await (await fixture.bus.connection.ready()).createConfirmChannel();
      for (let n = 0; n < 3; n += 1) channel.sendToQueue(fixture.idleQueue, Buffer.from(`{"n":${n}}`));
      await channel.waitForConfirms();
      await channel.close();

      const page = await loggedInPage('/queues');
      const cell = (queue: string, column: string) =>
        page
          .locator(`tr[data-queue="${queue}"] [data-column="${column}"]`)
          .textContent()
          .then((text) => text?.trim());
      expect(await cell(fixture.queue, 'unacked')).toBe('1');
      expect(await cell(fixture.queue, 'consumers')).toBe('1');
      expect(await cell(fixture.queue, 'ready')).toBe('0');
      expect(await cell(fixture.idleQueue, 'ready')).toBe('3');
      expect(await cell(fixture.idleQueue, 'consumers')).toBe('0');
      // The archiver consumes the dead-letter queue.
      expect(await cell(`${fixture.queue}.dlq`, 'consumers')).toBe('1');
      // The page reloads itself; from the second sample on it shows rates.
      await page.getByText(/Rates are per second over the last \d+ s\./).waitFor({ timeout: 30_000 });
      await screenshot(page, 'queues');
      held.release();
      await page.close();
    },
    browserTestTimeout,
  );
});
