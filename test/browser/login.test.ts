// The web app in a real browser: log in through the form, see the dashboard, switch to Russian and
// to Arabic (right-to-left), and find the owner in Settings → Staff.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openPage } from './chromium.js';
import { startBrowserTestServer, type BrowserTestServer } from './server.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserTestServer({ name: 'Salon Aurora', currency: 'EUR', timeZone: 'Europe/Tallinn', locale: 'en' });
    browser = await launchChromium();
    page = await openPage(browser, pageErrors, { height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in through the form and shows the dashboard', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('E-mail').fill(server.owner.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong e-mail or password.');

    await page.getByLabel('Password').fill(server.owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('dashboard-title').waitFor();
    expect(await page.getByTestId('dashboard-title').textContent()).toBe('Salon Aurora');
    expect(await page.getByTestId('organization-name').textContent()).toBe('Salon Aurora');
    await expect.poll(() => page.getByTestId('staff-count').textContent()).toBe('1');
  });

  it('switches the language to Russian', async () => {
    await page.getByTestId('language-switcher').selectOption('ru');
    const nav = page.getByRole('navigation', { name: 'Главное меню' });
    await nav.waitFor();
    expect(await nav.getByRole('link', { name: 'Настройки' }).isVisible()).toBe(true);
    expect(await nav.textContent()).toContain('Клиенты');
    expect(await page.evaluate('document.documentElement.lang')).toBe('ru');
  });

  it('switches to Arabic and lays the page out right to left', async () => {
    await page.getByTestId('language-switcher').selectOption('ar');
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await page.evaluate('document.documentElement.lang')).toBe('ar');
  });

  it('opens Settings → Staff and finds the owner', async () => {
    await page.locator('nav a[href="/settings"]').click();
    await page.locator('a[href="/settings/staff"]').click();
    await page.waitForURL('**/settings/staff');
    const table = page.getByTestId('staff-table');
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: server.owner.email });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(server.owner.name);
    expect(await row.textContent()).toContain('المالك'); // "Owner", in Arabic
    expect(pageErrors).toEqual([]);
  });
});
