// Demo data for loyalty: a program per business, personal cards of every tier, a batch of bearer cards,
// and a year of purchases (with points spent and a few refunds) for a dozen loyalty members of each
// business (their own people, so the customer demo's curated namesakes stay as they are) — all through the
// real service functions, so the demo exercises the checkout exactly as a till would. Seeded, so every
// demo load is the same.
import type { ServiceContext } from '../../platform/context.js';
import { localDate } from '../../platform/time.js';
import { createCustomer } from '../customers/index.js';
import type { Actor } from '../tenancy/index.js';
import type { ProgramConfig } from './domain/index.js';
import { exampleProgram } from './domain/index.js';
import { issueBatch, issueCard } from './cards.js';
import { confirmCheckout } from './checkout-confirm.js';
import { refundReceipt } from './checkout-refund.js';
import { runDue } from './due.js';
import { runDailyEvaluation } from './evaluation.js';
import { createProgram } from './programs.js';

interface DemoCustomer { familyName: string; givenNames: string; phone: string; tier: string }

const SALON: DemoCustomer[] = [
  ['Орлова', 'Анастасия', 'vip'], ['Белова', 'Марина', 'gold'], ['Зайцева', 'Елизавета', 'simple'], ['Фёдорова', 'Ольга', 'gold'], ['Громова', 'Наталья', 'simple'],
  ['Титова', 'Ирина', 'simple'], ['Киселёва', 'Татьяна', 'gold'], ['Беляева', 'Светлана', 'simple'], ['Медведева', 'Юлия', 'simple'], ['Комарова', 'Дарья', 'simple'],
  ['Ефимова', 'Ксения', 'simple'], ['Полякова', 'Виктория', 'gold'],
].map(([familyName, givenNames, tier], i) => ({ familyName: familyName!, givenNames: givenNames!, tier: tier!, phone: `+7 916 ${String(200 + i).padStart(3, '0')} ${String(10 + i).padStart(2, '0')} ${String(40 + i).padStart(2, '0')}` }));

const NORD: DemoCustomer[] = [
  ['Rebane', 'Liis', 'vip'], ['Kuusk', 'Mart', 'gold'], ['Lepik', 'Kadri', 'simple'], ['Sepp', 'Anu', 'simple'], ['Novak', 'Eva', 'gold'], ['Kukk', 'Karl', 'simple'],
  ['Nasser', 'Layla', 'simple'], ['Põld', 'Triin', 'gold'], ['Ivanov', 'Sergei', 'simple'], ['Oja', 'Kristjan', 'simple'], ['Brown', 'Emily', 'simple'], ['Kallas', 'Marko', 'simple'],
].map(([familyName, givenNames, tier], i) => ({ familyName: familyName!, givenNames: givenNames!, tier: tier!, phone: `+372 5${String(1_200_000 + i * 7919).padStart(7, '0')}` }));

function rubProgram(): ProgramConfig {
  const base = exampleProgram();
  return {
    ...base, currency: 'RUB',
    tiers: [
      { code: 'simple', name: 'Классическая', rank: 1, discountBp: 300, earnBp: 500, restricted: false },
      { code: 'gold', name: 'Золотая', rank: 2, discountBp: 700, earnBp: 700, restricted: false },
      { code: 'vip', name: 'VIP', rank: 3, discountBp: 1500, earnBp: 1000, restricted: true },
    ],
    cumulative: { levels: [{ minAmount: 1_500_000, discountBp: 500 }, { minAmount: 4_000_000, discountBp: 800 }, { minAmount: 10_000_000, discountBp: 1200 }], match: 'all', scope: { kind: 'calendar_year' }, neverDecreaseWithinPeriod: true },
    points: { ...base.points!, rate: { points: 1, minor: 100 } },
  };
}

function eurProgram(): ProgramConfig {
  const base = exampleProgram();
  return {
    ...base,
    club: { join: { amount: 60_000, days: 180 }, stay: { amount: 30_000, days: 365 }, discountBp: 1200, approval: 'owner' },
    tierRules: { windowDays: 365, match: 'any', levels: [{ tier: 'simple', upgrade: {} }, { tier: 'gold', upgrade: { minAmount: 80_000, minCount: 8 } }], downgrade: true },
    marginGuard: { minMarkupBp: 1000, defaultMaxDiscountBp: 3000 },
  };
}

/** A small deterministic random source (mulberry32). */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `outletIds`: where the receipts are rung up — each customer mostly at a home outlet, sometimes elsewhere. */
export async function loadLoyaltyDemo(ctx: ServiceContext, actor: Actor, business: { currency: string; name: string; outletIds: readonly string[] }): Promise<void> {
  const rub = business.currency === 'RUB';
  const config = rub ? rubProgram() : eurProgram();
  const program = await createProgram(ctx, actor, {
    name: rub ? 'Клуб «Люмьер»' : 'Nord Wear Friends', config, isDefault: true,
    cardFormat: { scheme: 'ean13', prefix: rub ? '2501' : '2502', length: 13 },
  });
  const people = rub ? SALON : NORD;
  const random = seeded(rub ? 7 : 11);
  const where = seeded(rub ? 17 : 19); // outlets drawn apart, so the purchases stay those of `random`
  const now = ctx.clock.now();
  const today = localDate(now, rub ? 'Europe/Moscow' : 'Europe/Tallinn');
  const customers: string[] = [];
  for (const [i, p] of people.entries()) {
    // One customer has a birthday today, so the till shows a greeting in the demo.
    const birthDate = i === 1 ? `1988-${today.slice(5)}` : `19${70 + (i * 7) % 30}-${String(1 + (i * 5) % 12).padStart(2, '0')}-${String(1 + (i * 11) % 28).padStart(2, '0')}`;
    const c = await createCustomer(ctx, actor, { familyName: p.familyName, givenNames: p.givenNames, phones: [p.phone], birthDate, source: 'loyalty demo' });
    customers.push(c.id);
    await issueCard(ctx, actor, { programId: program.id, customerId: c.id, tier: p.tier });
  }
  await issueBatch(ctx, actor, { programId: program.id, count: 20 });

  const services = rub
    ? [['HAIR-CUT', 'hair', 250_000], ['HAIR-COLOR', 'hair', 650_000], ['MANICURE', 'nails', 180_000], ['FACIAL', 'skin', 420_000], ['SERUM', 'cosmetics', 320_000]] as const
    : [['TEE', 'basics', 2_490], ['JEANS', 'denim', 8_990], ['JACKET', 'outerwear', 19_900], ['SCARF', 'accessories', 3_490], ['SWEATER', 'knitwear', 6_990]] as const;
  let n = 0;
  // Two thirds of the customers have a year of history; the newest have none yet.
  for (const [i, customerId] of customers.slice(0, Math.ceil((customers.length * 2) / 3)).entries()) {
    const home = business.outletIds[i % business.outletIds.length] ?? null;
    const visits = 6 + Math.floor(random() * 14);
    const days = Array.from({ length: visits }, () => 1 + Math.floor(random() * 364)).sort((a, b) => b - a);
    for (const daysAgo of days) {
      const at = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(random() * 8) * 3_600_000);
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const [sku, group, price] = services[Math.floor(random() * services.length)]!;
        return { sku, productGroup: group, quantity: 1, unitPrice: price, unitCost: Math.round(price * 0.45) };
      });
      const receiptId = `demo-${++n}`;
      const spend = random() < 0.25 ? 1_000_000 : 0;
      const outletId = where() < 0.85 ? home : (business.outletIds[Math.floor(where() * business.outletIds.length)] ?? null);
      const done = await confirmCheckout(ctx, actor, { receiptId, customer: { customerId }, lines, pointsToSpend: spend, occurredAt: at.toISOString(), ...(outletId ? { outletId } : {}) });
      if (random() < 0.06) await refundReceipt(ctx, actor, { refundId: `demo-refund-${n}`, receiptId: done.receiptId, lines: [{ index: 0, quantity: 1 }] });
    }
  }
  await runDue(ctx, now);
  await runDailyEvaluation(ctx, now);
}
