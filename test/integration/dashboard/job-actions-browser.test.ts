// An operator cancels a running job and retries a failed one through the dashboard, in a real Chromium,
// against a real dashboard process and a real worker running the test's own job types: what the UI
// shows (list, live progress, attempts, error, result) and what the jobs then do.
import { jobProgressEvent, jobProgressSubject } from '@conveyor/contracts';
import { findJob, type JobDocument } from '@conveyor/jobs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../../support/index.ts';
import { launchChromium, screenshot, type TestBrowser } from './browser.ts';
import { openDashboardFixture, type DashboardFixture } from './dashboard-fixture.ts';
import { flakyFailure, startTestJobTypes, type TestJobTypes } from './job-types-fixture.ts';

/** Browser steps on a loaded two-core machine: generous, and every wait is on an event. */
const browserTestTimeout = 120_000;

describe('dashboard job actions (real process, real browser)', () => {
  let fixture: DashboardFixture;
  let types: TestJobTypes;
  let browser: TestBrowser;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    fixture = await openDashboardFixture();
    cleanups.push(() => fixture.cleanUp());
    types = await startTestJobTypes(fixture);
    cleanups.push(() => types.stop());
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

  const untilJob = (id: string, what: string, check: (job: JobDocument) => boolean) =>
    waitFor(
      async () => {
        const job = await findJob(fixture.store, id);
        return job !== null && check(job) ? job : undefined;
      },
      { what: `job ${id} ${what}`, timeoutMs: 20_000 },
    );

  it(
    "follows a running job's progress live and cancels it: its handler's signal fires and it ends cancelled, not retried",
    async () => {
      const tenant = uniqueName('tenant');
      const id = await types.enqueue(tenant, types.waits);
      await untilJob(
        id,
        'running with progress 50',
        (job) => job.status === 'running' && job.progress === 50,
      );

      const page = await loggedInPage(`/jobs?tenant=${tenant}&status=running`);
      const row = page.locator(`tr[data-job="${id}"]`);
      expect(await row.locator('[data-column="progress"]').textContent()).toBe('50%');
      expect(await row.locator('[data-column="attempt"]').textContent()).toBe('1');
      await screenshot(page, 'jobs-running');
      await row.getByRole('link').click();
      await page.waitForURL(`${fixture.url}/jobs/${id}`);
      await page.locator('[data-live="connection"]', { hasText: 'live' }).waitFor();
      expect(await page.locator('[data-live="progress"]').textContent()).toBe('50%');
      expect(await page.locator('tr[data-attempt="1.1"] [data-column="outcome"]').textContent()).toBe(
        'running',
      );

      // A report published now reaches the page at once: the page subscribed before it said "live".
      fixture.events.publish(jobProgressSubject(tenant, id), jobProgressEvent, {
        jobId: id,
        tenantId: tenant,
        value: 75,
        at: new Date().toISOString(),
      });
      await page.locator('[data-live="progress"]', { hasText: '75%' }).waitFor();
      await screenshot(page, 'job-running');

      await page.getByRole('button', { name: 'Cancel job' }).click();
      await page.getByText('Cancel requested: the handler running the job is told to stop').waitFor();
      // The stream ends with the job, and the page reloads to show how it ended.
      await page
        .locator('tr[data-attempt="1.1"] [data-column="outcome"]', { hasText: 'cancelled' })
        .waitFor();
      expect(await page.locator('[data-live="status"]').textContent()).toBe('cancelled');
      expect(await page.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(1);
      await screenshot(page, 'job-cancelled');

      const job = await findJob(fixture.store, id);
      expect(job).toMatchObject({ status: 'cancelled', run: 1, attempt: 1 });
      expect(job?.attempts.map((attempt) => attempt.outcome)).toEqual(['cancelled']);
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    "shows a failed job's attempt and error, and retries it by a click: the new run completes",
    async () => {
      const tenant = uniqueName('tenant');
      types.flakyFails = true;
      const id = await types.enqueue(tenant, types.flaky);
      await untilJob(id, 'failed', (job) => job.status === 'failed');

      const page = await loggedInPage(`/jobs?tenant=${tenant}&status=failed`);
      await page.locator(`tr[data-job="${id}"]`).getByRole('link').click();
      await page.waitForURL(`${fixture.url}/jobs/${id}`);
      expect(await page.locator('[data-field="error"]').textContent()).toBe(flakyFailure);
      const failed = page.locator('tr[data-attempt="1.1"]');
      expect(await failed.locator('[data-column="outcome"]').textContent()).toBe('failed');
      expect(await failed.locator('[data-column="error"]').textContent()).toBe(flakyFailure);
      expect(await page.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
      await screenshot(page, 'job-failed');

      // The supplier is back; the operator retries the job.
      types.flakyFails = false;
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByText('Retried: a new run of the job is accepted').waitFor();
      await page
        .locator('tr[data-attempt="2.1"] [data-column="outcome"]', { hasText: 'completed' })
        .waitFor();
      expect(await page.locator('[data-live="status"]').textContent()).toBe('completed');
      expect(await page.locator('[data-field="attempt"]').textContent()).toBe('run 2, attempt 1');
      expect(JSON.parse((await page.locator('[data-field="result"]').textContent()) ?? '')).toEqual({
        delivered: true,
      });
      // The first run's failure stays listed.
      expect(await failed.locator('[data-column="error"]').textContent()).toBe(flakyFailure);
      expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
      await screenshot(page, 'job-retried');

      const job = await findJob(fixture.store, id);
      expect(job).toMatchObject({ status: 'completed', run: 2, error: null });
      await page.close();
    },
    browserTestTimeout,
  );

  it(
    'lists the registered job types, each leading to its jobs',
    async () => {
      const page = await loggedInPage('/job-types');
      const row = page.locator(`tr[data-job-type="${types.waits}"]`);
      expect(await row.locator('[data-column="queue"]').textContent()).toBe(`jobs.${types.waits}`);
      expect(await row.locator('[data-column="attempts"]').textContent()).toBe('1');
      await screenshot(page, 'job-types');
      await row.getByRole('link').click();
      await page.waitForURL(`${fixture.url}/jobs?type=${encodeURIComponent(types.waits)}`);
      await page.close();
    },
    browserTestTimeout,
  );
});
