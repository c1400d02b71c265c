// The cashier screen in a real browser: a program, a customer and a card are set up through the HTTP
// API; then a cashier logs in, identifies the customer by card number (typed like a scanner: digits and
// Enter), builds a receipt, calculates, confirms, and sees the discount, the total and the points.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openPage, logIn } from './chromium.js';
import { startBrowserTestServer, type BrowserTestServer } from './server.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

/** A small HTTP client with the owner's session cookie. */
async function ownerApi(server: BrowserTestServer) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: server.owner.email, password: server.owner.password }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

describe.skipIf(!hasChromium)('checkout in Chromium', () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let page: Page;
  let cardNumber: string;
  const pageErrors: string[] = [];
  const cashier = { email: 'cashier@browser.test', password: 'cashier password 1', name: 'Carl Cashier' };

  beforeAll(async () => {
    server = await startBrowserTestServer({ name: 'Nord Test', currency: 'EUR', timeZone: 'Europe/Tallinn', locale: 'en' });
    const call = await ownerApi(server);
    await call('POST', '/api/staff', { ...cashier, role: 'cashier' });
    // Gold: 10 % off and 5 % back in points, spendable at once (no pending period), 1 point = 1 cent.
    await call('POST', '/api/loyalty/programs', {
      name: 'Friends', isDefault: true, cardFormat: { scheme: 'ean13', prefix: '2509', length: 13 },
      config: {
        currency: 'EUR', accumulateOn: 'after_discounts',
        tiers: [{ code: 'gold', name: 'Gold', rank: 1, discountBp: 1000, earnBp: 500, restricted: false }],
        cumulative: null, club: null, tierRules: null, marginGuard: null,
        points: { pendingDays: 0, expiry: { kind: 'never' }, maxShareBp: 3000, minBalanceToRedeem: 0, rate: { points: 1, minor: 1 }, earnWhenRedeeming: true },
        stacking: { priority: { tier: 1, cumulative: 1, club: 1 }, promotion: 'combine' },
        refundPolicy: 'negative_balance', sms: { beforeSpendingPoints: false, beforePersonalDiscountByPhone: false },
      },
    });
    const customer = await call<{ id: string }>('POST', '/api/customers', { familyName: 'Saar', givenNames: 'Mari', phones: ['+372 5123 4567'] });
    const card = await call<{ number: string }>('POST', '/api/cards', { customerId: customer.id, tier: 'gold' });
    cardNumber = card.number;

    browser = await launchChromium();
    page = await openPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs the cashier in and opens the checkout', async () => {
    await logIn(page, server.url, cashier);
    await page.locator('nav a[href="/checkout"]').click();
    await page.getByTestId('identify-input').waitFor();
  });

  it('identifies the customer by card number, typed like a scanner', async () => {
    await page.getByTestId('identify-input').focus();
    await page.keyboard.type(cardNumber);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toContain('Saar Mari');
    expect(await page.getByTestId('customer-discount').textContent()).toBe('10%');
    expect(await page.getByTestId('customer-points').textContent()).toBe('0');
  });

  it('builds a receipt, calculates and shows the discount with its reason', async () => {
    // The SKU field has the focus after identification; Enter moves along the line and to the next one.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('line-0-sku');
    for (const text of ['SCARF', 'accessories', '2', '34.90']) {
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('line-1-sku').fill('JACKET');
    await page.getByTestId('line-1-price').fill('199');
    await page.getByTestId('calculate').click();
    const calculation = page.getByTestId('calculation');
    await calculation.waitFor();
    // 2 × 34.90 + 199.00 = 268.80; 10 % off = 26.88; to pay 241.92; 5 % of it back = 1 209 points.
    expect(await page.getByTestId('total-discount').textContent()).toBe('−€26.88');
    expect(await page.getByTestId('total-to-pay').textContent()).toBe('€241.92');
    expect(await page.getByTestId('total-points-earned').textContent()).toBe('+1,209');
    // Names inside sentences are bidi-isolated (FSI … PDI); the reader sees "10% · Gold card".
    expect((await calculation.textContent())?.replace(/[\u2066-\u2069]/g, '')).toContain('10% · Gold card');
  });

  it('confirms the receipt and shows the points earned and the new balance', async () => {
    const confirm = page.getByTestId('confirm');
    expect(await confirm.textContent()).toContain('€241.92');
    await confirm.click();
    await page.getByTestId('confirmed').waitFor();
    expect(await page.getByTestId('done-earned').textContent()).toBe('+1,209');
    expect(await page.getByTestId('done-balance').textContent()).toBe('1,209');
    await expect.poll(() => page.getByTestId('customer-points').textContent()).toBe('1,209');
  });

  it('starts the next customer from a clean screen', async () => {
    await page.getByTestId('next-customer').click();
    await page.getByTestId('identify-input').waitFor();
    expect(await page.getByTestId('identify-input').inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
