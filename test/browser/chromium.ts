// Debian's Chromium driven by playwright-core. Nothing is downloaded: without /usr/bin/chromium the
// browser tests skip and say how to install it.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `Chromium is absent (${CHROMIUM_PATH}): browser tests skipped. Install it with: apt-get install -y chromium`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An English page 1280 px wide; every uncaught page error goes into `errors` (each test expects none). */
export async function openPage(browser: Browser, errors: string[], options: { height?: number; timeoutMs?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: options.height ?? 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 10_000);
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

/** Logs in through the English login form and waits for the dashboard. */
export async function logIn(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('dashboard-title').waitFor();
}
