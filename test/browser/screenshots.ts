// Takes the screenshots in docs/screenshots from a running server with the demo data:
//   npx tsx src/cli/main.ts serve --demo     (after npm run build:web)
//   npx tsx test/browser/screenshots.ts http://localhost:8080 [name ...]
// With names (e.g. cards-club-en), only those pictures are written; the others are left as they are.
// Run it on a freshly started demo: some pictures add data (a duplicate customer, a receipt and its refund).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

const base = process.argv[2] ?? 'http://localhost:8080';
const outDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
const password = 'demo-password';
const only = new Set(process.argv.slice(3));

async function shot(page: Page, name: string): Promise<void> {
  if (only.size > 0 && !only.has(name)) return;
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

  // The pages of the customer base, cards, checkout and analytics at 1366 × 768, a common laptop screen.
  await wideShots();
} finally {
  await browser.close();
}

async function wideShots(): Promise<void> {
  const viewport = { width: 1366, height: 768 };
  const nord = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
  let page = await nord.newPage();
  await login(page, 'owner@nordwear.demo');
  const get = async <T>(url: string): Promise<T> => (await page.request.get(`${base}${url}`)).json() as Promise<T>;
  const cards = (await get<{ items: { id: string; number: string; customerId: string | null }[] }>('/api/cards?limit=100')).items;
  const personal = cards.find((c) => c.customerId);
  if (!personal) throw new Error('the demo has no personal card');

  await setLanguage(page, 'en');
  await page.goto(`${base}/cards/club`);
  await page.getByRole('table').waitFor();
  await shot(page, 'cards-club-en');
  await page.goto(`${base}/analytics/ladder`);
  await page.getByTestId('ladder-funnel').waitFor();
  await shot(page, 'analytics-ladder-en');

  await setLanguage(page, 'ar');
  await page.goto(`${base}/cards/${personal.id}`);
  await page.getByTestId('card-number').waitFor();
  await shot(page, 'cards-card-ar');
  await page.goto(`${base}/analytics/dependence`);
  await page.locator('.chart-table canvas').first().waitFor();
  await shot(page, 'analytics-dependence-ar');
  // The till: identify by card, two lines, calculate, confirm, then give one scarf back.
  await page.goto(`${base}/checkout`);
  await page.getByTestId('identify-input').fill(personal.number);
  await page.keyboard.press('Enter');
  await page.getByTestId('customer-name').waitFor();
  await page.getByTestId('line-0-sku').fill('SCARF');
  for (const text of ['accessories', '2', '34.90']) {
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Enter');
  await page.getByTestId('line-1-sku').fill('JACKET');
  await page.getByTestId('line-1-price').fill('199');
  await page.getByTestId('calculate').click();
  await page.getByTestId('calculation').waitFor();
  await page.getByTestId('confirm').click();
  await page.getByTestId('confirmed').waitFor();
  const refund = page.getByTestId('refund');
  await refund.locator('button').first().click();
  await page.getByTestId('refund-qty-0').fill('1');
  await refund.locator('button[type=submit]').click();
  await page.locator('.alert--info').first().waitFor();
  await shot(page, 'checkout-refund-ar');
  await nord.close();

  // The Russian salon, in Russian.
  const salon = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'UTC' });
  page = await salon.newPage();
  await login(page, 'owner@lumiere.demo');
  await setLanguage(page, 'ru');
  const salonCards = (await get<{ items: { customerId: string | null }[] }>('/api/cards?limit=100')).items;
  const holder = salonCards.find((c) => c.customerId)?.customerId;
  if (!holder) throw new Error('the salon has no personal card');
  // A second file for a customer, with the same phone, so that there is a duplicate to show.
  const twin = await get<{ familyName: string; givenNames: string; phones: string[] }>(`/api/customers/${holder}`);
  await page.request.post(`${base}/api/customers`, { data: { kind: 'person', familyName: twin.familyName, givenNames: twin.givenNames, phones: twin.phones.slice(0, 1), emails: ['client@example.ru'] } });
  await page.request.post(`${base}/api/duplicates/scan`);
  await page.goto(`${base}/customers/duplicates`);
  await page.getByRole('link', { name: 'Сравнить и объединить' }).first().waitFor();
  await shot(page, 'customers-duplicates-ru');
  await page.goto(`${base}/customers/${holder}/loyalty`);
  await page.getByTestId('loyalty').waitFor();
  await shot(page, 'customers-loyalty-ru');
  await page.goto(`${base}/cards/customers/${holder}`);
  await page.locator('input[type=radio]').first().waitFor();
  await page.locator('input[type=radio]').first().scrollIntoViewIfNeeded();
  await shot(page, 'cards-points-ru');
  await page.goto(`${base}/analytics/economics`);
  await page.locator('.chart-table canvas, .analytics-panel canvas').first().waitFor();
  await shot(page, 'analytics-economics-ru');
  await salon.close();
}
