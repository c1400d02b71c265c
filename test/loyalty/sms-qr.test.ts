// SMS confirmation before spending points or a discount by phone (codes hashed, limited, expiring, never
// shown to the cashier) and identification by a one-time QR code from the customer's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSmsSender, logSmsSender } from '../../src/modules/loyalty/index.js';
import { DAY, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
const sent: { to: string; text: string }[] = [];
beforeAll(async () => {
  b = await loyaltyBench({ config: { sms: { beforeSpendingPoints: true, beforePersonalDiscountByPhone: true } } });
  // A phone for the test: the sender records what a gateway would deliver.
  setSmsSender({ send: async (m) => { sent.push({ to: m.to, text: m.text }); } });
});
afterAll(async () => {
  setSmsSender(logSmsSender);
  await b.close();
});
const codeOf = (text: string) => /(\d{6})$/.exec(text)![1]!;

describe('SMS confirmation', () => {
  it('is required to spend points; the code reaches the phone only, and confirms once', async () => {
    const customer = await b.customer('Sms', { phones: ['+372 5555 0101'] });
    const card = await b.card(customer);
    await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'gift', amount: 1000, reason: 'welcome gift' });
    const receipt = { customer: { cardNumber: card.number }, pointsToSpend: 200, lines: [line('A', 10_000)] };
    expect((await b.pos('POST', '/api/checkout/calculate', receipt)).json().receipt.smsCodeRequired).toBe(true);
    const without = await b.pos('POST', '/api/checkout/confirm', { ...receipt, receiptId: 'SMS-1' });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toMatchObject({ code: 'sms_code_required', details: { field: 'smsChallengeId' } });

    const challenge = await b.pos('POST', '/api/checkout/sms-code', { customerId: customer, purpose: 'spend_points' });
    expect(challenge.statusCode, challenge.body).toBe(200);
    expect(challenge.json().phone).toMatch(/^\+37•+01$/);
    const message = sent.at(-1)!;
    expect(message.to).toBe('+37255550101');
    const code = codeOf(message.text);
    expect(challenge.body).not.toContain(code);
    const stored = await b.t.db.db.selectFrom('loyalty_sms_challenges').select('code_hash').where('id', '=', challenge.json().challengeId).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);

    const wrong = await b.pos('POST', '/api/checkout/sms-code/verify', { challengeId: challenge.json().challengeId, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.json().error).toMatchObject({ code: 'sms_code_wrong', details: { attemptsLeft: 4 } });
    const ok = await b.pos('POST', '/api/checkout/sms-code/verify', { challengeId: challenge.json().challengeId, code });
    expect(ok.json()).toMatchObject({ verified: true });
    const confirmed = await b.pos('POST', '/api/checkout/confirm', { ...receipt, receiptId: 'SMS-1', smsChallengeId: challenge.json().challengeId });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().points.spent).toBe(200);
    const reuse = await b.pos('POST', '/api/checkout/confirm', { ...receipt, receiptId: 'SMS-2', smsChallengeId: challenge.json().challengeId });
    expect(reuse.json().error.code).toBe('sms_code_invalid');
  });

  it('limits wrong attempts and expires codes', async () => {
    const customer = await b.customer('Guesser', { phones: ['+372 5555 0102'] });
    const { challengeId } = (await b.pos('POST', '/api/checkout/sms-code', { customerId: customer, purpose: 'phone_discount' })).json();
    for (let i = 0; i < 5; i++) await b.pos('POST', '/api/checkout/sms-code/verify', { challengeId, code: '99999x'.slice(0, 6) });
    expect((await b.pos('POST', '/api/checkout/sms-code/verify', { challengeId, code: codeOf(sent.at(-1)!.text) })).json().error.code).toBe('sms_attempts_exceeded');
    const next = (await b.pos('POST', '/api/checkout/sms-code', { customerId: customer, purpose: 'phone_discount' })).json();
    b.t.db.clock.advance(11 * 60_000);
    expect((await b.pos('POST', '/api/checkout/sms-code/verify', { challengeId: next.challengeId, code: codeOf(sent.at(-1)!.text) })).json().error.code).toBe('sms_code_expired');
    const noPhone = await b.pos('POST', '/api/checkout/sms-code', { customerId: await b.customer('Silent'), purpose: 'spend_points' });
    expect(noPhone.json().error.code).toBe('no_phone');
  });
});

describe('one-time QR code', () => {
  it('identifies the customer once, from a token their page got with the page link', async () => {
    const customer = await b.customer('Qr');
    const link = await b.owner('POST', `/api/loyalty/customers/${customer}/page-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const page = await b.t.app.inject({ method: 'POST', url: '/api/public/loyalty/qr-token', payload: { link: link.json().link } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().svg).toMatch(/^<svg /);
    const who = await b.pos('POST', '/api/checkout/identify', { qrToken: page.json().token });
    expect(who.json()).toMatchObject({ identifiedBy: 'qr', customer: { id: customer } });
    const again = await b.pos('POST', '/api/checkout/identify', { qrToken: page.json().token });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('qr_token_invalid');
    const stale = (await b.t.app.inject({ method: 'POST', url: '/api/public/loyalty/qr-token', payload: { link: link.json().link } })).json();
    b.t.db.clock.advance(6 * 60_000);
    expect((await b.pos('POST', '/api/checkout/identify', { qrToken: stale.token })).json().error.code).toBe('qr_token_invalid');
    await b.owner('POST', `/api/loyalty/customers/${customer}/page-link`, {});
    const revoked = await b.t.app.inject({ method: 'POST', url: '/api/public/loyalty/qr-token', payload: { link: link.json().link } });
    expect(revoked.statusCode).toBe(404);
    b.t.db.clock.advance(DAY);
  });
});
