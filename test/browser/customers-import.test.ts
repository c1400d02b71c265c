// The customer import in a real browser: paste a table whose columns are in an unexpected order (phone,
// family name, given name, in Cyrillic, no header row), map the columns by hand, run the import as a
// job, read the report, then find one of the imported customers by a Latin spelling of her name.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobHandler } from '../../src/modules/customers/index.js';
import { JobRunner } from '../../src/platform/jobs.js';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openPage, logIn } from './chromium.js';
import { startBrowserTestServer, type BrowserTestServer } from './server.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

// Copied from a spreadsheet: tab-separated, phone numbers written the way people write them.
const PASTED = [
  '8 (916) 123-45-67\tИванова\tМария',
  '+7 903 222-33-44\tПетров\tСергей',
  '8 926 000 11 22\tСидорова\tАнна',
].join('\n');

describe.skipIf(!hasChromium)('customer import in Chromium', () => {
  let server: BrowserTestServer;
  let jobs: JobRunner;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserTestServer({ name: 'Salon Aurora', currency: 'EUR', timeZone: 'Europe/Tallinn', locale: 'en' });
    // The test server has no job runner of its own; a node runs imports as queued jobs, so this one does.
    jobs = new JobRunner(server.db.db, { clock: server.db.ctx.clock, ids: server.db.ctx.ids, log: server.db.ctx.log });
    jobs.addHandler(importJobHandler({ ctx: server.db.ctx, pool: server.db.pool }));
    jobs.start(100);
    browser = await launchChromium();
    page = await openPage(browser, pageErrors, { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    // An import that hangs must fail its test, not the clean-up: stop waiting for it after a few seconds.
    await Promise.race([jobs?.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await server?.close();
  });

  it('logs in and opens the import', async () => {
    await logIn(page, server.url, server.owner);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: 'Import' }).click();
    await page.waitForURL('**/customers/import');
  });

  it('pastes a table and maps its columns by hand', async () => {
    await page.getByTestId('import-paste').fill(PASTED);
    await page.getByLabel('First row').selectOption('no');
    await page.getByRole('button', { name: 'Read the table' }).click();
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-mapping').textContent()).toContain('Иванова');

    await page.getByTestId('map-column-0').selectOption('phone');
    await page.getByTestId('map-column-1').selectOption('familyName');
    await page.getByTestId('map-column-2').selectOption('givenName');
    // Numbers without a country code ("8 (916) …") are Russian ones; the organization has no country set.
    await page.getByLabel('Country of local phone numbers').fill('RU');

    // The preview shows the rows as they will be imported once the server has checked the mapping.
    const preview = page.getByTestId('import-preview');
    await expect.poll(async () => preview.locator('tbody tr').first().textContent()).toContain('Иванова Мария');
    await expect.poll(async () => preview.locator('tbody tr').first().textContent()).toContain('+79161234567');
  });

  it('runs the import and shows the report', async () => {
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('report-created').textContent()).toBe('3');
    expect(await page.getByTestId('report-rejected').textContent()).toBe('0');
  });

  it('finds an imported customer by the Latin spelling of her Cyrillic name', async () => {
    await page.getByRole('link', { name: 'Open the customer base' }).click();
    await page.waitForURL('**/customers');
    await page.getByTestId('customer-search').fill('Ivanova');
    await page.getByTestId('customer-search').press('Enter');
    const results = page.getByTestId('customer-results');
    await results.waitFor();
    const row = results.locator('tbody tr', { hasText: 'Иванова' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Мария');
    expect(await results.textContent()).not.toContain('Сидорова');

    await row.getByRole('link', { name: 'Иванова' }).click();
    await page.getByTestId('customer-name').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Иванова Мария');
    expect(pageErrors).toEqual([]);
  });

  it('edits her preferences: Cancel leaves them as they were, Save shows the new text', async () => {
    await page.getByRole('navigation', { name: 'Parts of the customer\'s file' }).getByRole('link', { name: 'Preferences' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Preferences').fill('Oat milk, no sugar');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.locator('.cust-dl').textContent()).not.toContain('Oat milk');

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Preferences').fill('Oat milk, no sugar');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.cust-dl', { hasText: 'Oat milk, no sugar' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
