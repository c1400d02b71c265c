// Takes the screenshots in docs/screenshots from a running server with the demo data:
//   npx tsx src/cli/main.ts serve --demo     (after npm run build:web)
//   npx tsx test/browser/screenshots.ts http://localhost:8080
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

const base = process.argv[2] ?? 'http://localhost:8080';
const outDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
const password = 'demo-password';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 799); // no hover effects in the picture
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function login(page: Page, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/e-mail|почта|البريد/i).fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('dashboard-title').waitFor();
}

async function setLanguage(page: Page, lang: string): Promise<void> {
  await page.getByTestId('language-switcher').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('language-switcher').selectOption('en');
  await shot(page, 'login');

  await login(page, 'owner@nordwear.demo');
  await setLanguage(page, 'en');
  await shot(page, 'dashboard-en');
  await setLanguage(page, 'ar');
  await shot(page, 'dashboard-ar');
  await setLanguage(page, 'ru');
  await page.goto(`${base}/settings/staff`);
  await page.getByTestId('staff-table').waitFor();
  await shot(page, 'settings-staff-ru');

  await setLanguage(page, 'en');
  await page.goto(`${base}/settings/api-keys`);
  await page.getByRole('button', { name: 'Create API key' }).click();
  await page.getByLabel('Name').fill(`Till 2 — front desk`);
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByTestId('api-key-secret').waitFor();
  await shot(page, 'settings-api-keys');
  await context.close();
} finally {
  await browser.close();
}
