// "Look for duplicates now" in a real browser, after an import-sized change of the base: the scan runs
// as a job, the page shows its progress bar (held mid-way here, so the bar is seen where it is), then
// how many pairs it proposed from how many customers, and the pairs; a page opened while a scan runs
// picks that scan up.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicateScanJobHandler } from '../../src/modules/customers/index.js';
import { JobRunner, type QueuedJobHandler } from '../../src/platform/jobs.js';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openPage, logIn } from './chromium.js';
import { startBrowserTestServer, type BrowserTestServer } from './server.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

/** Two and a half batches of the scan, in pairs sharing a phone. */
const CUSTOMERS = 5000;

describe.skipIf(!hasChromium)('duplicate scan in Chromium', () => {
  let server: BrowserTestServer;
  let jobs: JobRunner;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  // The job waits here after its first batch until the test has looked at the page.
  let hold: { reached: () => void; passed: Promise<void>; release: () => void } | null = null;
  const holdAfterFirstBatch = () => {
    let release = () => {};
    let reached = () => {};
    const passed = new Promise<void>((r) => { release = r; });
    const atHold = new Promise<void>((r) => { reached = r; });
    hold = { reached, passed, release };
    return { atHold, release: () => release() };
  };

  /** What the page says, without the bidi isolation marks i18n puts around interpolated values. */
  const says = async (testId: string) => (await page.getByTestId(testId).innerText()).replace(/[\u2066-\u2069]/g, '');

  beforeAll(async () => {
    server = await startBrowserTestServer({ name: 'Salon Aurora', currency: 'EUR', timeZone: 'Europe/Tallinn', locale: 'en' });
    const now = server.db.clock.now().toISOString();
    await server.db.pool.query(`
      INSERT INTO customers (id, organization_id, family_name, display_name, search_keys, created_at, updated_at)
      SELECT ('00000000-0000-7000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, $1, 'Customer ' || n, 'Customer ' || n, 'customer ' || n,
        $2::timestamptz - interval '1 minute', $2::timestamptz - interval '1 minute'
      FROM generate_series(0, $3 - 1) n`, [server.organization.id, now, CUSTOMERS]);
    await server.db.pool.query(`
      INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary)
      SELECT ('00000000-0000-7000-b000-' || lpad(to_hex(n), 12, '0'))::uuid, $1, ('00000000-0000-7000-a000-' || lpad(to_hex(n), 12, '0'))::uuid,
        'phone', '+3725' || lpad((n / 2)::text, 7, '0'), true
      FROM generate_series(0, $2 - 1) n`, [server.organization.id, CUSTOMERS]);
    // The test server has no job runner of its own; a node runs the scan as a queued job, so this one does.
    jobs = new JobRunner(server.db.db, { clock: server.db.ctx.clock, ids: server.db.ctx.ids, log: server.db.ctx.log });
    const real = duplicateScanJobHandler(server.db.ctx);
    const held: QueuedJobHandler = {
      ...real,
      run: (job, c) => real.run(job, {
        progress: async (done, total) => {
          await c.progress(done, total);
          if (done > 0 && hold) {
            const h = hold;
            hold = null;
            h.reached();
            await h.passed;
          }
        },
      }),
    };
    jobs.addHandler(held);
    jobs.start(100);
    browser = await launchChromium();
    page = await openPage(browser, pageErrors, { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    hold?.release();
    await browser?.close();
    await Promise.race([jobs?.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await server?.close();
  });

  it('shows the progress bar while the scan runs, then the proposals from the customers checked', async () => {
    await logIn(page, server.url, server.owner);
    await page.goto(`${server.url}/customers/duplicates`);
    await page.getByText('No likely duplicates.', { exact: false }).waitFor();

    const { atHold, release } = holdAfterFirstBatch();
    const button = page.getByRole('button', { name: 'Look for duplicates now' });
    await button.click();
    await atHold;
    const bar = page.getByRole('progressbar', { name: 'Progress of the search for duplicates' });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 5_000 }).toBe('40');
    try {
      await expect.poll(() => says('duplicates-scan'), { timeout: 5_000 }).toContain('Customers checked: 2,000 of 5,000');
      expect(await button.isDisabled()).toBe(true);
    } finally {
      release();
    }
    await expect.poll(() => says('duplicates'), { timeout: 15_000 }).toContain('2,500 proposals from 5,000 customers checked.');
    expect(await bar.count()).toBe(0);
    expect(await button.isDisabled()).toBe(false);
    await expect.poll(() => page.getByRole('link', { name: 'Compare and merge' }).count(), { timeout: 5_000 }).toBe(100);
  });

  it('picks up a scan that is running when the page opens', async () => {
    const { atHold, release } = holdAfterFirstBatch();
    await page.getByRole('button', { name: 'Look for duplicates now' }).click();
    await atHold;
    try {
      await page.reload();
      await expect.poll(() => page.getByRole('progressbar', { name: 'Progress of the search for duplicates' }).getAttribute('aria-valuenow'), { timeout: 5_000 }).toBe('40');
    } finally {
      release();
    }
    await expect.poll(() => says('duplicates'), { timeout: 15_000 }).toContain('2,500 proposals from 5,000 customers checked.');
    expect(pageErrors).toEqual([]);
  });
});
