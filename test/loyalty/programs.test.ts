// Programs over HTTP: validation with named fields, versions, receipts keeping their version, roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { programSchema } from '../../src/modules/loyalty/schemas.js';
import { loginCookie } from '../support/app.js';
import { CARD_FORMAT, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => { b = await loyaltyBench(); });
afterAll(() => b.close());

describe('programs', () => {
  it('lists the program created for the bench as the default, in its documented shape', async () => {
    const res = await b.owner('GET', '/api/loyalty/programs');
    expect(res.statusCode).toBe(200);
    const [p] = res.json().items;
    expect(programSchema.parse(p)).toEqual(p);
    expect(p).toMatchObject({ id: b.programId, version: 1, isDefault: true, cardFormat: CARD_FORMAT, config: { currency: 'EUR' } });
  });

  it('names the field of a bad configuration', async () => {
    const bad = await b.owner('POST', '/api/loyalty/programs', { name: 'Bad', cardFormat: { ...CARD_FORMAT, prefix: '260' }, config: { ...exampleProgram(), tiers: [{ ...exampleProgram().tiers[0], discountBp: 20_000 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('config.tiers.0.discountBp');
    const semantic = await b.owner('POST', '/api/loyalty/programs', { name: 'Bad', cardFormat: { ...CARD_FORMAT, prefix: '261' }, config: exampleProgram({ tierRules: { windowDays: 30, match: 'all', levels: [{ tier: 'nope', upgrade: {} }], downgrade: false } }) });
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json().error).toMatchObject({ code: 'invalid_program' });
    expect(semantic.json().error.message).toMatch(/unknown tier nope/);
    const currency = await b.owner('POST', '/api/loyalty/programs', { name: 'Bad', cardFormat: { ...CARD_FORMAT, prefix: '262' }, config: exampleProgram({ currency: 'USD' }) });
    expect(currency.json().error.details.issues[0].path).toBe('config.currency');
    const overlap = await b.owner('POST', '/api/loyalty/programs', { name: 'Bad', cardFormat: { ...CARD_FORMAT, prefix: '25' }, config: exampleProgram() });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('card_prefix_overlaps');
  });

  it('makes a new version on a configuration change; receipts keep the version they were calculated with', async () => {
    const customer = await b.customer('Versioned');
    const card = await b.card(customer);
    const before = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'V-1', customer: { cardNumber: card.number }, lines: [line('A', 10_000)] });
    expect(before.json()).toMatchObject({ programVersion: 1, receipt: { totals: { discountTotal: 500 } } });
    const tiers = exampleProgram().tiers.map((t) => (t.code === 'simple' ? { ...t, discountBp: 700 } : t));
    const patched = await b.owner('PATCH', `/api/loyalty/programs/${b.programId}`, { config: exampleProgram({ tiers }) });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().version).toBe(2);
    const after = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'V-2', customer: { cardNumber: card.number }, lines: [line('A', 10_000)] });
    expect(after.json()).toMatchObject({ programVersion: 2, receipt: { totals: { discountTotal: 700 } } });
    const versions = await b.owner('GET', `/api/loyalty/programs/${b.programId}/versions`);
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const rows = await b.t.db.db.selectFrom('purchases').select(['external_id', 'program_version']).where('external_id', 'in', ['V-1', 'V-2']).orderBy('external_id').execute();
    expect(rows).toEqual([{ external_id: 'V-1', program_version: 1 }, { external_id: 'V-2', program_version: 2 }]);
    // The same configuration again is not a new version.
    expect((await b.owner('PATCH', `/api/loyalty/programs/${b.programId}`, { config: exampleProgram({ tiers }), name: 'Friends+' })).json()).toMatchObject({ version: 2, name: 'Friends+' });
  });

  it('refuses to drop a tier that cards still hold', async () => {
    const res = await b.owner('PATCH', `/api/loyalty/programs/${b.programId}`, { config: exampleProgram({ tiers: exampleProgram().tiers.filter((t) => t.code !== 'simple') }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'tier_in_use', details: { field: 'config.tiers', tiers: ['simple'] } });
  });

  it('lets only the owner change programs, and archives a program that is not the default', async () => {
    await b.owner('POST', '/api/staff', { email: 'cashier@programs.example', name: 'Cashier', role: 'cashier', password: 'cashier password' });
    const cashier = await loginCookie(b.t, 'cashier@programs.example', 'cashier password');
    const denied = await b.t.app.inject({ method: 'PATCH', url: `/api/loyalty/programs/${b.programId}`, headers: { cookie: cashier }, payload: { name: 'Mine' } });
    expect(denied.statusCode).toBe(403);
    expect((await b.t.app.inject({ method: 'GET', url: '/api/loyalty/programs', headers: { cookie: cashier } })).statusCode).toBe(200);
    const second = await b.owner('POST', '/api/loyalty/programs', { name: 'Second', cardFormat: { ...CARD_FORMAT, prefix: '270' }, config: exampleProgram() });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().isDefault).toBe(false);
    expect((await b.owner('DELETE', `/api/loyalty/programs/${b.programId}`)).json().error.code).toBe('default_program_required');
    const card = await b.card(await b.customer('Two programs'));
    const mismatch = await b.pos('POST', '/api/checkout/calculate', { programId: second.json().id, customer: { cardNumber: card.number }, lines: [line('A', 100)] });
    expect(mismatch.json().error).toMatchObject({ code: 'card_program_mismatch', details: { field: 'programId' } });
    const archived = await b.owner('DELETE', `/api/loyalty/programs/${second.json().id}`);
    expect(archived.json()).toMatchObject({ archived: true });
    expect((await b.owner('GET', '/api/loyalty/programs/00000000-0000-7000-8000-00000000ffff')).statusCode).toBe(404);
  });
});
