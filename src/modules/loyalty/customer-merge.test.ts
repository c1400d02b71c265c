import { describe, expect, it } from 'vitest';
import { planLoyaltyMerge, planLoyaltyUndo, type Leg, type MergeSideSnapshot, type OriginLot, type PlanLot, type TransferFact } from './customer-merge-plan.js';
import { combineMembership } from './customer-merge.js';
import { exampleProgram } from './domain/index.js';

const NOW = new Date('2026-03-15T10:00:00Z');
const d = (s: string) => new Date(s);
const lot = (id: string, remaining: number, extra: Partial<PlanLot> = {}): PlanLot =>
  ({ id, remaining, pending: false, unlockAt: null, expiresAt: null, operationId: id, createdAt: d('2026-01-01T00:00:00Z'), ...extra });
const side = (lots: PlanLot[], debt = 0): MergeSideSnapshot => ({
  spendable: lots.filter((l) => !l.pending).reduce((a, l) => a + l.remaining, 0) - debt,
  pending: lots.filter((l) => l.pending).reduce((a, l) => a + l.remaining, 0), debt, lots,
});
/** Net change per party and account over the legs: what each customer gained or lost, and what is left in transit. */
function net(legs: Leg[]) {
  const out: Record<string, number> = {};
  for (const t of legs) {
    const debit = t.debit === 'transit' || !['spendable', 'pending'].includes(t.debit) ? t.debit : `${t.party}.${t.debit}`;
    const credit = t.credit === 'transit' || !['spendable', 'pending'].includes(t.credit) ? t.credit : `${t.party}.${t.credit}`;
    out[debit] = (out[debit] ?? 0) - t.amount;
    out[credit] = (out[credit] ?? 0) + t.amount;
  }
  return out;
}

describe('planLoyaltyMerge', () => {
  it('moves every open lot through transit into a lot of the survivor with the same dates', () => {
    const june = lot('adjust:a:lot', 300, { expiresAt: d('2026-06-01T00:00:00Z') });
    const pending = lot('receipt:R:earn', 126, { pending: true, unlockAt: d('2026-03-29T10:00:00Z'), expiresAt: d('2027-03-29T10:00:00Z') });
    const plan = planLoyaltyMerge({ mergeId: 'merge:L.1', now: NOW, loser: side([june, pending]), survivor: side([lot('own', 100)]) });
    expect(plan.legs.map((t) => [t.party, t.id, t.debit, t.credit, t.amount, t.lotId])).toEqual([
      ['loser', 'merge:L.1:out:adjust:a:lot', 'spendable', 'transit', 300, 'adjust:a:lot'],
      ['survivor', 'merge:L.1:in:adjust:a:lot', 'transit', 'spendable', 300, 'merge:L.1:lot:adjust:a:lot'],
      ['loser', 'merge:L.1:out:receipt:R:earn', 'pending', 'transit', 126, 'receipt:R:earn'],
      ['survivor', 'merge:L.1:in:receipt:R:earn', 'transit', 'pending', 126, 'merge:L.1:lot:receipt:R:earn'],
    ]);
    expect(plan.legs.every((t) => t.kind === 'merge' && t.operationId === 'merge:L.1')).toBe(true);
    expect(net(plan.legs).transit).toBe(0);
    expect(plan.survivor.balances).toEqual({ spendable: 400, pending: 126, debt: 0 });
    expect(plan.survivor.lots).toContainEqual(expect.objectContaining({ id: 'merge:L.1:lot:receipt:R:earn', remaining: 126, pending: true, unlockAt: pending.unlockAt, expiresAt: pending.expiresAt }));
    expect(plan.survivor.nextDueAt).toEqual(d('2026-03-29T10:00:00Z'));
    expect(plan.loser).toMatchObject({ balances: { spendable: 0, pending: 0, debt: 0 }, nextDueAt: null });
    expect(plan.loser.lots.map((l) => [l.id, l.remaining])).toEqual([['adjust:a:lot', 0], ['receipt:R:earn', 0]]);
  });

  it('moves an open debt to the survivor, which repays it from its spendable points at once', () => {
    const plan = planLoyaltyMerge({ mergeId: 'merge:L.1', now: NOW, loser: side([lot('p', 20, { pending: true, unlockAt: d('2026-04-01T00:00:00Z') })], 50), survivor: side([lot('own', 100)]) });
    expect(plan.debt).toBe(50);
    expect(plan.survivor.balances).toEqual({ spendable: 50, pending: 20, debt: 0 });
    expect(plan.loser.balances).toEqual({ spendable: 0, pending: 0, debt: 0 });
    expect(plan.legs.filter((t) => t.party === 'survivor').map((t) => [t.id, t.kind])).toContainEqual(['merge:L.1:settle_debt:own', 'settle_debt']);
  });

  it('unlocks on the survivor a moved lot whose pending period is over (the job had not run yet)', () => {
    const plan = planLoyaltyMerge({ mergeId: 'merge:L.1', now: NOW, loser: side([lot('p', 40, { pending: true, unlockAt: d('2026-03-14T00:00:00Z') })]), survivor: side([]) });
    expect(plan.legs.map((t) => t.id)).toContain('lot:merge:L.1:lot:p:unlock');
    expect(plan.survivor.balances).toEqual({ spendable: 40, pending: 0, debt: 0 });
  });
});

describe('planLoyaltyUndo', () => {
  const june = lot('adjust:a:lot', 0, { expiresAt: d('2026-06-01T00:00:00Z') });
  const origin = (remainingOnSurvivor: number, inflow = 500, expiresAt: Date | null = june.expiresAt): { origin: OriginLot; lot: PlanLot } => ({
    origin: { lotId: 'merge:L.1:lot:adjust:a:lot', inflow, dest: { ...june, expiresAt } },
    lot: lot('merge:L.1:lot:adjust:a:lot', remainingOnSurvivor, { expiresAt }),
  });
  const undo = (o: { origin: OriginLot; lot: PlanLot }, survivorOwn: PlanLot[], extra: { policy?: 'negative_balance' | 'forgive' | 'reduce_refund'; debtMoved?: number; facts?: TransferFact[]; loserLots?: PlanLot[]; survivorDebt?: number } = {}) => planLoyaltyUndo({
    mergeId: 'merge:L.1', undoId: 'unmerge:L.1', now: NOW, policy: extra.policy ?? 'negative_balance', repaidExpiresAt: d('2027-03-15T10:00:00Z'),
    loser: side(extra.loserLots ?? [{ ...june, expiresAt: o.origin.dest.expiresAt }]), survivor: side([o.lot, ...survivorOwn], extra.survivorDebt ?? 0),
    origins: [o.origin], debtMoved: extra.debtMoved ?? 0, facts: extra.facts ?? [],
  });

  it('gives back what is left into the loser\'s own lot', () => {
    const plan = undo(origin(500), [lot('own', 100)]);
    expect(plan.summary).toMatchObject({ returned: 500, usedBySurvivor: 0, coveredFromPoints: 0 });
    expect(plan.loser.lots).toEqual([expect.objectContaining({ id: 'adjust:a:lot', remaining: 500, expiresAt: june.expiresAt })]);
    expect(plan.survivor.balances).toEqual({ spendable: 100, pending: 0, debt: 0 });
    expect(net(plan.legs).transit).toBe(0);
    expect(plan.legs.every((t) => t.kind === 'unmerge' && t.id.startsWith('unmerge:L.1:'))).toBe(true);
  });

  it('pays back what the survivor spent from its own points, then by the policy', () => {
    const negative = undo(origin(0), [lot('own', 100)]);
    expect(negative.summary).toMatchObject({ usedBySurvivor: 500, coveredFromPoints: 100, coveredByDebt: 400, forgiven: 0 });
    expect(negative.survivor.balances).toEqual({ spendable: -400, pending: 0, debt: 400 });
    expect(negative.loser.balances).toEqual({ spendable: 500, pending: 0, debt: 0 });
    for (const policy of ['forgive', 'reduce_refund'] as const) {
      const plan = undo(origin(0), [lot('own', 100)], { policy });
      expect(plan.summary).toMatchObject({ coveredFromPoints: 100, coveredByDebt: 0, forgiven: 400 });
      expect(plan.survivor.balances).toEqual({ spendable: 0, pending: 0, debt: 0 });
      expect(plan.loser.balances).toEqual({ spendable: 100, pending: 0, debt: 0 });
    }
  });

  it('does not pay back points that would have expired by now, nor what expired or refunds of the loser\'s purchases took', () => {
    const lapsed = undo(origin(0, 500, d('2026-03-01T00:00:00Z')), [lot('own', 1000)]);
    expect(lapsed.summary).toMatchObject({ usedBySurvivor: 500, expiredMeanwhile: 500, coveredFromPoints: 0 });
    const facts: TransferFact[] = [
      { lotId: 'merge:L.1:lot:adjust:a:lot', kind: 'expire', operationId: 'lot:x', movedPurchase: false, out: true, in: false, amount: 50 },
      { lotId: 'merge:L.1:lot:adjust:a:lot', kind: 'take_back', operationId: 'refund:F', movedPurchase: true, out: true, in: false, amount: 70 },
      { lotId: 'merge:L.1:lot:adjust:a:lot', kind: 'take_back', operationId: 'refund:G', movedPurchase: false, out: true, in: false, amount: 30 },
    ];
    const plan = undo(origin(200), [lot('own', 1000)], { facts });
    // 500 in − 50 expired − 70 for the loser's own refund = 380 owed; 200 left, 180 paid by the survivor.
    expect(plan.summary).toMatchObject({ returned: 200, usedBySurvivor: 180, coveredFromPoints: 180 });
    expect(plan.loser.balances.spendable).toBe(380);
  });

  it('settles what the loser owed the survivor first, and gives the survivor the rest back', () => {
    // The loser brought a debt of 600 that the survivor paid; nothing of the loser's 500 was used.
    const plan = undo(origin(500), [lot('own', 100)], { debtMoved: 600 });
    expect(plan.summary).toMatchObject({ returned: 500, repaidToSurvivor: 600, loserDebtLeft: 100 });
    expect(plan.loser.balances).toEqual({ spendable: -100, pending: 0, debt: 100 });
    expect(plan.survivor.balances).toEqual({ spendable: 700, pending: 0, debt: 0 });
    expect(plan.survivor.lots).toContainEqual(expect.objectContaining({ id: 'unmerge:L.1:repaid', remaining: 600, expiresAt: d('2027-03-15T10:00:00Z') }));
    // Used points and a debt offset each other.
    const offset = undo(origin(0), [lot('own', 1000)], { debtMoved: 200 });
    expect(offset.summary).toMatchObject({ usedBySurvivor: 500, offset: 200, coveredFromPoints: 300, repaidToSurvivor: 0 });
  });

  it('counts only the net effect of a later merge of the survivor, undone since', () => {
    const facts: TransferFact[] = [
      { lotId: 'merge:L.1:lot:adjust:a:lot', kind: 'merge', operationId: 'merge:S.1', movedPurchase: false, out: true, in: false, amount: 500 },
      { lotId: 'merge:L.1:lot:adjust:a:lot', kind: 'unmerge', operationId: 'unmerge:S.1', movedPurchase: false, out: false, in: true, amount: 450 },
    ];
    const plan = undo(origin(450), [lot('own', 1000)], { facts });
    expect(plan.summary).toMatchObject({ returned: 450, usedBySurvivor: 0 });
  });
});

describe('combineMembership', () => {
  const config = exampleProgram();
  const m = (tier: string, club = false, since: string | null = null) => ({ tier, tierSince: '2026-01-01T00:00:00.000Z', clubMember: club, clubSince: since });
  it('keeps the better tier and club membership if either has it', () => {
    expect(combineMembership(config, m('simple'), m('gold'))).toMatchObject({ tier: 'gold' });
    expect(combineMembership(config, m('vip'), m('gold'))).toMatchObject({ tier: 'vip' });
    expect(combineMembership(config, m('simple', true, '2026-02-01T00:00:00.000Z'), m('simple', true, '2026-01-05T00:00:00.000Z'))).toMatchObject({ clubMember: true, clubSince: '2026-01-05T00:00:00.000Z' });
    expect(combineMembership(config, m('simple'), m('simple', true, '2026-01-05T00:00:00.000Z'))).toMatchObject({ clubMember: true, clubSince: '2026-01-05T00:00:00.000Z' });
    expect(combineMembership(config, null, m('gold', true, '2026-01-05T00:00:00.000Z'))).toEqual(m('gold', true, '2026-01-05T00:00:00.000Z'));
  });
});
