// The program editor works on a draft: every number as the text the owner typed, in the units people
// think in (percent, money, days), and every section kept even while it is switched off, so switching
// it back on brings the values back. `toProgramBody` turns the draft into the API's configuration
// (basis points, minor units) and reports what cannot be read, under the same paths the server uses
// ("config.tiers.1.discountBp"), so client and server problems land on the same field.
import type { components } from '../../api/schema';
import { decimalMark, parseScaled, scaledToText } from '../../components/decimal';
import { currencyDigits } from '../../format';

export type ProgramConfig = components['schemas']['LoyaltyProgramConfig'];
export type CardFormat = components['schemas']['CardNumberFormat'];
export type Program = components['schemas']['LoyaltyProgram'];
type Tier = ProgramConfig['tiers'][number];
type Cumulative = NonNullable<ProgramConfig['cumulative']>;
type Points = NonNullable<ProgramConfig['points']>;
type TierRules = NonNullable<ProgramConfig['tierRules']>;
type Threshold = { minAmount?: number; minCount?: number };

export type Unit = 'percent' | 'money' | 'count' | 'days' | 'integer' | 'text';

let nextKey = 0;
/** A stable React key for rows that can be added and removed. */
export const rowKey = (): string => `row-${++nextKey}`;

export interface TierDraft { key: string; code: string; name: string; rank: string; discount: string; earn: string; restricted: boolean }
export interface LevelDraft { key: string; minAmount: string; minCount: string; discount: string }
export interface GroupRateDraft { key: string; group: string; rate: string }
export interface TierRuleDraft { key: string; tier: string; upAmount: string; upCount: string; keepAmount: string; keepCount: string }

export interface ProgramDraft {
  name: string;
  isDefault: boolean;
  currency: string;
  accumulateOn: ProgramConfig['accumulateOn'];
  cardFormat: { scheme: CardFormat['scheme']; prefix: string; length: string };
  tiers: TierDraft[];
  cumulative: {
    on: boolean; levels: LevelDraft[]; match: Cumulative['match']; scope: Cumulative['scope']['kind']; scopeDays: string; neverDecrease: boolean;
  };
  club: { on: boolean; joinAmount: string; joinDays: string; stayAmount: string; stayDays: string; discount: string; approval: 'auto' | 'owner' };
  points: {
    on: boolean; pendingDays: string; expiry: Points['expiry']['kind']; expiryDays: string; maxShare: string; minBalance: string;
    ratePoints: string; rateMoney: string; earnWhenRedeeming: boolean; groupRates: GroupRateDraft[]; earnExcluded: string; redeemExcluded: string;
  };
  tierRules: { on: boolean; windowDays: string; match: TierRules['match']; levels: TierRuleDraft[]; downgrade: boolean; minDaysInTier: string };
  marginGuard: { on: boolean; minMarkup: string; defaultMaxDiscount: string; groupMax: GroupRateDraft[] };
  stacking: { tier: string; cumulative: string; club: string; promotion: ProgramConfig['stacking']['promotion'] };
  refundPolicy: ProgramConfig['refundPolicy'];
  sms: ProgramConfig['sms'];
}

/** How a unit's numbers are written: fraction digits (percent has 2: 12.5% = 1250 bp). */
export function unitDigits(unit: Unit, currency: string): number {
  if (unit === 'percent') return 2;
  if (unit === 'money') return safeCurrencyDigits(currency);
  return 0;
}

function safeCurrencyDigits(currency: string): number {
  try {
    return currencyDigits(currency);
  } catch {
    return 2;
  }
}

interface Texts { pct(bp: number | null | undefined): string; money(minor: number | null | undefined): string; int(n: number | null | undefined): string }

function texts(currency: string, locale: string): Texts {
  const mark = decimalMark(locale);
  const digits = safeCurrencyDigits(currency);
  return {
    pct: (bp) => (bp === null || bp === undefined ? '' : scaledToText(bp, 2, mark)),
    money: (minor) => (minor === null || minor === undefined ? '' : scaledToText(minor, digits, mark)),
    int: (n) => (n === null || n === undefined ? '' : String(n)),
  };
}

const DEFAULT_TIERS: Tier[] = [
  { code: 'simple', name: 'Simple', rank: 1, discountBp: 500, earnBp: 500, restricted: false },
  { code: 'gold', name: 'Gold', rank: 2, discountBp: 1000, earnBp: 700, restricted: false },
];

/** A sensible start for a new program: two tiers and points, everything else off. */
export function newProgramConfig(currency: string): ProgramConfig {
  return {
    currency, accumulateOn: 'after_discounts', tiers: DEFAULT_TIERS, cumulative: null, club: null,
    points: { pendingDays: 14, expiry: { kind: 'days', days: 365 }, maxShareBp: 3000, minBalanceToRedeem: 0, rate: { points: 1, minor: 1 }, earnWhenRedeeming: true },
    tierRules: null, marginGuard: null,
    stacking: { priority: { tier: 1, cumulative: 1, club: 1 }, promotion: 'combine' },
    refundPolicy: 'negative_balance', sms: { beforeSpendingPoints: false, beforePersonalDiscountByPhone: false },
  };
}

export function draftFrom(program: { name: string; isDefault: boolean; config: ProgramConfig; cardFormat: CardFormat }, locale: string): ProgramDraft {
  const c = program.config;
  const x = texts(c.currency, locale);
  const cum = c.cumulative;
  const club = c.club;
  const pts = c.points;
  const rules = c.tierRules;
  const guard = c.marginGuard;
  const days = (scope: { kind: string; days?: number } | undefined) => x.int(scope && 'days' in scope ? scope.days : null);
  return {
    name: program.name,
    isDefault: program.isDefault,
    currency: c.currency,
    accumulateOn: c.accumulateOn,
    cardFormat: { scheme: program.cardFormat.scheme, prefix: program.cardFormat.prefix, length: String(program.cardFormat.length) },
    tiers: c.tiers.map((t) => ({ key: rowKey(), code: t.code, name: t.name, rank: x.int(t.rank), discount: x.pct(t.discountBp), earn: x.pct(t.earnBp), restricted: t.restricted })),
    cumulative: {
      on: cum !== null,
      levels: (cum?.levels ?? [{ minAmount: undefined, discountBp: 100 }]).map((l) => ({ key: rowKey(), minAmount: x.money(l.minAmount), minCount: x.int(l.minCount), discount: x.pct(l.discountBp) })),
      match: cum?.match ?? 'all',
      scope: cum?.scope.kind ?? 'forever',
      scopeDays: days(cum?.scope) || '365',
      neverDecrease: cum?.neverDecreaseWithinPeriod ?? true,
    },
    club: {
      on: club !== null,
      joinAmount: x.money(club?.join.amount), joinDays: x.int(club?.join.days ?? 180),
      stayAmount: x.money(club?.stay.amount), stayDays: x.int(club?.stay.days ?? 365),
      discount: x.pct(club?.discountBp ?? 1000), approval: club?.approval ?? 'owner',
    },
    points: {
      on: pts !== null,
      pendingDays: x.int(pts?.pendingDays ?? 14),
      expiry: pts?.expiry.kind ?? 'never',
      expiryDays: days(pts?.expiry) || '365',
      maxShare: x.pct(pts?.maxShareBp ?? 3000),
      minBalance: x.int(pts?.minBalanceToRedeem ?? 0),
      ratePoints: x.int(pts?.rate.points ?? 1),
      rateMoney: x.money(pts?.rate.minor ?? 1),
      earnWhenRedeeming: pts?.earnWhenRedeeming ?? true,
      groupRates: Object.entries(pts?.groupEarnBp ?? {}).map(([group, bp]) => ({ key: rowKey(), group, rate: x.pct(bp) })),
      earnExcluded: (pts?.earnExcludedGroups ?? []).join(', '),
      redeemExcluded: (pts?.redeemExcludedGroups ?? []).join(', '),
    },
    tierRules: {
      on: rules !== null,
      windowDays: x.int(rules?.windowDays ?? 365),
      match: rules?.match ?? 'any',
      levels: (rules?.levels ?? []).map((l) => ({
        key: rowKey(), tier: l.tier, upAmount: x.money(l.upgrade.minAmount), upCount: x.int(l.upgrade.minCount),
        keepAmount: x.money(l.keep?.minAmount), keepCount: x.int(l.keep?.minCount),
      })),
      downgrade: rules?.downgrade ?? true,
      minDaysInTier: x.int(rules?.minDaysInTier),
    },
    marginGuard: {
      on: guard !== null,
      minMarkup: x.pct(guard?.minMarkupBp ?? 1000),
      defaultMaxDiscount: x.pct(guard?.defaultMaxDiscountBp ?? null),
      groupMax: Object.entries(guard?.groupMaxDiscountBp ?? {}).map(([group, bp]) => ({ key: rowKey(), group, rate: x.pct(bp) })),
    },
    stacking: {
      tier: String(c.stacking.priority.tier), cumulative: String(c.stacking.priority.cumulative), club: String(c.stacking.priority.club),
      promotion: c.stacking.promotion,
    },
    refundPolicy: c.refundPolicy,
    sms: { ...c.sms },
  };
}

/** A problem found in the browser, under the server's path for the same field. */
export interface DraftIssue { path: string; kind: 'number' | 'required' | 'duplicate' | 'unknownTier' | 'restrictedTier' | 'levelNeedsThreshold' }

export interface ProgramBody { name: string; isDefault: boolean; config: ProgramConfig; cardFormat: CardFormat }

/** Reads the draft. Returns the API body, or the problems with their paths. */
export function toProgramBody(d: ProgramDraft): { body: ProgramBody; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const moneyDigits = safeCurrencyDigits(d.currency);
  const num = (text: string, path: string, digits: number, opts: { optional?: boolean; negative?: boolean } = {}): number | undefined => {
    if (text.trim() === '') {
      if (!opts.optional) issues.push({ path, kind: 'required' });
      return undefined;
    }
    const v = parseScaled(text, digits, { allowNegative: opts.negative ?? false });
    if (v === null) {
      issues.push({ path, kind: 'number' });
      return undefined;
    }
    return v;
  };
  // Values that failed to read become 0 in the body; the body is not sent while there are issues.
  const pct = (text: string, path: string) => num(text, path, 2) ?? 0;
  const money = (text: string, path: string) => num(text, path, moneyDigits) ?? 0;
  const int = (text: string, path: string) => num(text, path, 0) ?? 0;
  const optMoney = (text: string, path: string) => num(text, path, moneyDigits, { optional: true });
  const optInt = (text: string, path: string) => num(text, path, 0, { optional: true });
  const threshold = (amount: string, count: string, base: string): Threshold => {
    const out: Threshold = {};
    const a = optMoney(amount, `${base}.minAmount`);
    const n = optInt(count, `${base}.minCount`);
    if (a !== undefined) out.minAmount = a;
    if (n !== undefined) out.minCount = n;
    return out;
  };
  const groups = (text: string) => text.split(/[,;\n]/).map((g) => g.trim()).filter(Boolean);
  const groupMap = (rows: GroupRateDraft[], base: string): Record<string, number> => {
    const out: Record<string, number> = {};
    rows.forEach((r, i) => {
      const group = r.group.trim();
      if (!group) {
        issues.push({ path: `${base}.${i}.group`, kind: 'required' });
        return;
      }
      if (group in out) issues.push({ path: `${base}.${i}.group`, kind: 'duplicate' });
      out[group] = pct(r.rate, `${base}.${i}.rate`);
    });
    return out;
  };

  const tiers: Tier[] = d.tiers.map((t, i) => ({
    code: t.code.trim(), name: t.name.trim(), rank: int(t.rank, `config.tiers.${i}.rank`),
    discountBp: pct(t.discount, `config.tiers.${i}.discountBp`), earnBp: pct(t.earn, `config.tiers.${i}.earnBp`), restricted: t.restricted,
  }));
  const seen = new Set<string>();
  tiers.forEach((t, i) => {
    if (t.code && seen.has(t.code)) issues.push({ path: `config.tiers.${i}.code`, kind: 'duplicate' });
    seen.add(t.code);
  });

  let cumulative: ProgramConfig['cumulative'] = null;
  if (d.cumulative.on) {
    const c = d.cumulative;
    const levels = c.levels.map((l, i) => {
      const base = `config.cumulative.levels.${i}`;
      const th = threshold(l.minAmount, l.minCount, base);
      if (th.minAmount === undefined && th.minCount === undefined && l.minAmount.trim() === '' && l.minCount.trim() === '') {
        issues.push({ path: `${base}.minAmount`, kind: 'levelNeedsThreshold' });
      }
      return { ...th, discountBp: pct(l.discount, `${base}.discountBp`) };
    });
    const days = c.scope === 'rolling' || c.scope === 'inactivity' ? int(c.scopeDays, 'config.cumulative.scope.days') : 0;
    const scope: Cumulative['scope'] = c.scope === 'rolling' ? { kind: 'rolling', days } : c.scope === 'inactivity' ? { kind: 'inactivity', days } : { kind: c.scope };
    cumulative = { levels, match: c.match, scope, neverDecreaseWithinPeriod: c.neverDecrease };
  }

  let club: ProgramConfig['club'] = null;
  if (d.club.on) {
    const c = d.club;
    club = {
      join: { amount: money(c.joinAmount, 'config.club.join.amount'), days: int(c.joinDays, 'config.club.join.days') },
      stay: { amount: money(c.stayAmount, 'config.club.stay.amount'), days: int(c.stayDays, 'config.club.stay.days') },
      discountBp: pct(c.discount, 'config.club.discountBp'), approval: c.approval,
    };
  }

  let points: ProgramConfig['points'] = null;
  if (d.points.on) {
    const p = d.points;
    const expiry: Points['expiry'] = p.expiry === 'days' ? { kind: 'days', days: int(p.expiryDays, 'config.points.expiry.days') } : { kind: p.expiry };
    const groupEarnBp = groupMap(p.groupRates, 'config.points.groupEarnBp');
    const earnExcludedGroups = groups(p.earnExcluded);
    const redeemExcludedGroups = groups(p.redeemExcluded);
    points = {
      pendingDays: int(p.pendingDays, 'config.points.pendingDays'), expiry, maxShareBp: pct(p.maxShare, 'config.points.maxShareBp'),
      minBalanceToRedeem: int(p.minBalance, 'config.points.minBalanceToRedeem'),
      rate: { points: int(p.ratePoints, 'config.points.rate.points'), minor: money(p.rateMoney, 'config.points.rate.minor') },
      earnWhenRedeeming: p.earnWhenRedeeming,
      ...(Object.keys(groupEarnBp).length > 0 ? { groupEarnBp } : {}),
      ...(earnExcludedGroups.length > 0 ? { earnExcludedGroups } : {}),
      ...(redeemExcludedGroups.length > 0 ? { redeemExcludedGroups } : {}),
    };
  }

  let tierRules: ProgramConfig['tierRules'] = null;
  if (d.tierRules.on) {
    const r = d.tierRules;
    const levels = r.levels.map((l, i) => {
      const base = `config.tierRules.levels.${i}`;
      const tier = tiers.find((t) => t.code === l.tier);
      if (!tier) issues.push({ path: `${base}.tier`, kind: 'unknownTier' });
      else if (tier.restricted) issues.push({ path: `${base}.tier`, kind: 'restrictedTier' });
      const keep = threshold(l.keepAmount, l.keepCount, `${base}.keep`);
      return { tier: l.tier, upgrade: threshold(l.upAmount, l.upCount, `${base}.upgrade`), ...(Object.keys(keep).length > 0 ? { keep } : {}) };
    });
    const minDays = optInt(r.minDaysInTier, 'config.tierRules.minDaysInTier');
    tierRules = { windowDays: int(r.windowDays, 'config.tierRules.windowDays'), match: r.match, levels, downgrade: r.downgrade, ...(minDays !== undefined ? { minDaysInTier: minDays } : {}) };
  }

  let marginGuard: ProgramConfig['marginGuard'] = null;
  if (d.marginGuard.on) {
    const g = d.marginGuard;
    const groupMaxDiscountBp = groupMap(g.groupMax, 'config.marginGuard.groupMaxDiscountBp');
    const defaultMax = num(g.defaultMaxDiscount, 'config.marginGuard.defaultMaxDiscountBp', 2, { optional: true });
    marginGuard = {
      minMarkupBp: pct(g.minMarkup, 'config.marginGuard.minMarkupBp'),
      defaultMaxDiscountBp: defaultMax ?? null,
      ...(Object.keys(groupMaxDiscountBp).length > 0 ? { groupMaxDiscountBp } : {}),
    };
  }

  const priority = (text: string, key: 'tier' | 'cumulative' | 'club') => num(text, `config.stacking.priority.${key}`, 0, { negative: true }) ?? 0;
  const config: ProgramConfig = {
    currency: d.currency, accumulateOn: d.accumulateOn, tiers, cumulative, club, points, tierRules, marginGuard,
    stacking: { priority: { tier: priority(d.stacking.tier, 'tier'), cumulative: priority(d.stacking.cumulative, 'cumulative'), club: priority(d.stacking.club, 'club') }, promotion: d.stacking.promotion },
    refundPolicy: d.refundPolicy, sms: d.sms,
  };
  const length = num(d.cardFormat.length, 'cardFormat.length', 0) ?? 13;
  return {
    body: { name: d.name.trim(), isDefault: d.isDefault, config, cardFormat: { scheme: d.cardFormat.scheme, prefix: d.cardFormat.prefix.trim(), length } },
    issues,
  };
}

/**
 * Where a whole-program problem from the server (`invalid_program`, path "config") belongs, when its
 * words name it: the rule engine says "tier rule names unknown tier x" rather than a path.
 */
export function pathOfProgramProblem(message: string, d: ProgramDraft): string | null {
  let m = /^tier (\S+) is defined twice$/.exec(message);
  if (m) {
    const idx = d.tiers.map((t) => t.code.trim()).lastIndexOf(m[1] ?? '');
    return idx >= 0 ? `config.tiers.${idx}.code` : null;
  }
  m = /^tier rule names unknown tier (\S+)$/.exec(message) ?? /^tier (\S+) is restricted and cannot be reached by rules$/.exec(message);
  if (m) {
    const idx = d.tierRules.levels.findIndex((l) => l.tier === m?.[1]);
    return idx >= 0 ? `config.tierRules.levels.${idx}.tier` : null;
  }
  return null;
}

const FIELD_PATHS: readonly RegExp[] = [
  /^name$/, /^config\.currency$/, /^config\.accumulateOn$/, /^cardFormat\.(scheme|prefix|length)$/,
  /^config\.tiers$/, /^config\.tiers\.\d+\.(code|name|rank|discountBp|earnBp)$/,
  /^config\.cumulative\.levels\.\d+\.(minAmount|minCount|discountBp)$/, /^config\.cumulative\.(match|scope|scope\.days)$/,
  /^config\.club\.(join|stay)\.(amount|days)$/, /^config\.club\.(discountBp|approval)$/,
  /^config\.points\.(pendingDays|expiry|expiry\.days|maxShareBp|minBalanceToRedeem|rate\.points|rate\.minor|earnExcludedGroups|redeemExcludedGroups)$/,
  /^config\.(points\.groupEarnBp|marginGuard\.groupMaxDiscountBp)\.\d+\.(group|rate)$/,
  /^config\.tierRules\.(windowDays|match|minDaysInTier)$/,
  /^config\.tierRules\.levels\.\d+\.(tier|upgrade\.minAmount|upgrade\.minCount|keep\.minAmount|keep\.minCount)$/,
  /^config\.marginGuard\.(minMarkupBp|defaultMaxDiscountBp)$/,
  /^config\.stacking\.priority\.(tier|cumulative|club)$/, /^config\.stacking\.promotion$/, /^config\.refundPolicy$/,
];

/** Whether the editor shows a control for this path (otherwise its problem is listed above the form). */
export function isFieldPath(path: string): boolean {
  return FIELD_PATHS.some((re) => re.test(path));
}
