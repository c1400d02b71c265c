// The demo: two realistic businesses so every screen has something to show. Each capability adds its
// part here (customers with multilingual names, cards, a year of purchases, campaigns) through the
// modules' own service functions, so the demo also exercises the real code paths.
import type { ServiceContext } from '../../platform/context.js';
import { loadLoyaltyDemo } from '../../modules/loyalty/index.js';
import { createMerchant, createOrganization, createOutlet, createStaff, staffEmailExists, type Actor, type OutletKind, type StaffRole } from '../../modules/tenancy/index.js';
import { loadDemoCustomers } from './customers.js';

export interface DemoLogin { organization: string; email: string; password: string; role: StaffRole }

interface DemoBusiness {
  name: string; currency: string; timeZone: string; locale: string; country: string;
  merchants: { name: string; outlets: { name: string; kind: OutletKind; address: string }[] }[];
  staff: { email: string; name: string; role: StaffRole }[];
}

const PASSWORD = 'demo-password';

const BUSINESSES: DemoBusiness[] = [
  {
    name: 'Салон «Люмьер»', currency: 'RUB', timeZone: 'Europe/Moscow', locale: 'ru', country: 'RU',
    merchants: [{ name: 'Lumière beauty', outlets: [
      { name: 'Люмьер на Тверской', kind: 'salon', address: 'Москва, Тверская ул., 12' },
      { name: 'Люмьер в Сокольниках', kind: 'salon', address: 'Москва, ул. Сокольнический Вал, 1' },
      { name: 'Онлайн-запись', kind: 'online', address: 'lumiere.example' },
    ] }],
    staff: [
      { email: 'owner@lumiere.demo', name: 'Анна Воронцова', role: 'owner' },
      { email: 'manager@lumiere.demo', name: 'Ольга Смирнова', role: 'manager' },
      { email: 'cashier@lumiere.demo', name: 'Мария Ким', role: 'cashier' },
      { email: 'analyst@lumiere.demo', name: 'Игорь Лебедев', role: 'analyst' },
    ],
  },
  {
    name: 'Nord Wear', currency: 'EUR', timeZone: 'Europe/Tallinn', locale: 'en', country: 'EE',
    merchants: [
      { name: 'Nord Wear', outlets: [
        { name: 'Nord Wear Viru', kind: 'shop', address: 'Viru 5, Tallinn' },
        { name: 'Nord Wear Ülemiste', kind: 'shop', address: 'Suur-Sõjamäe 4, Tallinn' },
        { name: 'Till 1 — Viru', kind: 'pos', address: 'Viru 5, Tallinn' },
      ] },
      { name: 'Nord Wear Online', outlets: [{ name: 'nordwear.example', kind: 'online', address: 'nordwear.example' }] },
    ],
    staff: [
      { email: 'owner@nordwear.demo', name: 'Kristiina Tamm', role: 'owner' },
      { email: 'manager@nordwear.demo', name: 'Layla Haddad', role: 'manager' },
      { email: 'cashier@nordwear.demo', name: 'Jaan Kask', role: 'cashier' },
      { email: 'analyst@nordwear.demo', name: 'Marek Novak', role: 'analyst' },
    ],
  },
];

/** Loads the demo businesses that are not there yet (by their owner's e-mail) and returns their logins. */
export async function loadDemo(ctx: ServiceContext, onProgress?: (done: number, total: number) => void): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const [index, business] of BUSINESSES.entries()) {
    onProgress?.(index, BUSINESSES.length);
    const owner = business.staff[0]!;
    if (!(await staffEmailExists(ctx, owner.email))) await createBusiness(ctx, business);
    for (const s of business.staff) logins.push({ organization: business.name, email: s.email, password: PASSWORD, role: s.role });
  }
  onProgress?.(BUSINESSES.length, BUSINESSES.length);
  return logins;
}

async function createBusiness(ctx: ServiceContext, business: DemoBusiness): Promise<void> {
  const [firstMerchant, ...otherMerchants] = business.merchants;
  const [owner, ...otherStaff] = business.staff;
  const firstOutlet = firstMerchant!.outlets[0]!;
  const created = await createOrganization(ctx, {
    name: business.name, currency: business.currency, timeZone: business.timeZone, locale: business.locale, country: business.country,
    merchantName: firstMerchant!.name, outlet: firstOutlet, owner: { ...owner!, password: PASSWORD },
  });
  const actor: Actor = { organizationId: created.organization.id, role: 'owner', staffId: created.owner.id, apiKeyId: null, outletId: null };
  const outletIds = [created.outlet.id];
  for (const outlet of firstMerchant!.outlets.slice(1)) outletIds.push((await createOutlet(ctx, actor, { merchantId: created.merchant.id, ...outlet })).id);
  for (const merchant of otherMerchants) {
    const m = await createMerchant(ctx, actor, { name: merchant.name });
    for (const outlet of merchant.outlets) outletIds.push((await createOutlet(ctx, actor, { merchantId: m.id, ...outlet })).id);
  }
  const staffIds: Record<string, string> = { owner: created.owner.id };
  for (const s of otherStaff) staffIds[s.role] = (await createStaff(ctx, actor, { ...s, password: PASSWORD })).id;
  await loadDemoCustomers(ctx, actor, business.locale === 'ru' ? 'ru' : 'en', { owner: created.owner.id, manager: staffIds.manager!, cashier: staffIds.cashier! });
  await loadLoyaltyDemo(ctx, actor, { currency: business.currency, name: business.name, outletIds });
}
