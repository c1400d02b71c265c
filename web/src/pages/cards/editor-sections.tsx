// The sections of the program editor, one per mechanic. Each edits its slice of the draft.
import { useTranslation } from 'react-i18next';
import { Check, Choice, NumInput, Section, TextInput, useIssues } from './editor-fields';
import { rowKey, type GroupRateDraft, type ProgramDraft } from './program-draft';

type SliceKey = 'cardFormat' | 'cumulative' | 'club' | 'points' | 'tierRules' | 'marginGuard' | 'stacking' | 'sms';
/** Merges into a section (objects) or replaces a value (texts, choices, lists of rows). */
export interface Patch {
  <K extends SliceKey>(key: K, value: Partial<ProgramDraft[K]>): void;
  <K extends Exclude<keyof ProgramDraft, SliceKey>>(key: K, value: ProgramDraft[K]): void;
}
export const SLICE_KEYS: readonly string[] = ['cardFormat', 'cumulative', 'club', 'points', 'tierRules', 'marginGuard', 'stacking', 'sms'];

interface SectionProps { draft: ProgramDraft; patch: Patch }

function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  const { readOnly } = useIssues();
  if (readOnly) return null;
  return <button type="button" className="button button--small button--danger-outline" onClick={onClick} aria-label={label} title={label}>×</button>;
}

function AddButton({ label, onClick }: { label: string; onClick(): void }) {
  const { readOnly } = useIssues();
  if (readOnly) return null;
  return <div><button type="button" className="button button--small" onClick={onClick}>+ {label}</button></div>;
}

export function GeneralSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  return (
    <Section title={t('editor.general.title')} intro={t('editor.general.intro')}>
      <div className="form__grid">
        <TextInput path="name" label={t('editor.general.name')} value={draft.name} onChange={(name) => patch('name', name)} maxLength={200} />
        <TextInput path="config.currency" label={t('editor.general.currency')} value={draft.currency} onChange={(currency) => patch('currency', currency.toUpperCase())} maxLength={3} mono hint={t('editor.general.currencyHint')} />
        <Choice
          path="config.accumulateOn" label={t('editor.general.accumulateOn')} value={draft.accumulateOn}
          options={['after_discounts', 'paid_money'] as const} optionLabel={(v) => t(`editor.general.accumulate.${v}`)} onChange={(accumulateOn) => patch('accumulateOn', accumulateOn)}
        />
      </div>
      <Check checked={draft.isDefault} onChange={(isDefault) => patch('isDefault', isDefault)} label={t('editor.general.isDefault')} hint={t('editor.general.isDefaultHint')} />
      <h3>{t('editor.general.cardFormat')}</h3>
      <div className="form__grid">
        <Choice
          path="cardFormat.scheme" label={t('editor.general.scheme')} value={draft.cardFormat.scheme} options={['ean13', 'luhn'] as const}
          optionLabel={(v) => t(`editor.general.schemes.${v}`)} onChange={(scheme) => patch('cardFormat', { scheme, ...(scheme === 'ean13' ? { length: '13' } : {}) })}
        />
        <TextInput path="cardFormat.prefix" label={t('editor.general.prefix')} value={draft.cardFormat.prefix} onChange={(prefix) => patch('cardFormat', { prefix })} maxLength={12} mono hint={t('editor.general.prefixHint')} />
        <NumInput path="cardFormat.length" unit="integer" label={t('editor.general.length')} value={draft.cardFormat.length} onChange={(length) => patch('cardFormat', { length })} />
      </div>
    </Section>
  );
}

export function TiersSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const tiers = draft.tiers;
  const row = (i: number, v: Partial<ProgramDraft['tiers'][number]>) => patch('tiers', tiers.map((x, j) => (j === i ? { ...x, ...v } : x)) );
  const add = () => patch('tiers', [...tiers, { key: rowKey(), code: '', name: '', rank: String(tiers.length + 1), discount: '0', earn: '0', restricted: false }] );
  const issues = useIssues();
  return (
    <Section title={t('editor.tiers.title')} intro={t('editor.tiers.intro')} testId="tiers-section">
      {issues.at('config.tiers') && <p className="field__error" role="alert">{issues.at('config.tiers')}</p>}
      <div className="table-wrap">
        <table className="table table--form">
          <thead>
            <tr>
              <th>{t('editor.tiers.code')}</th><th>{t('editor.tiers.name')}</th><th>{t('editor.tiers.rank')}</th>
              <th>{t('editor.tiers.discount')}</th><th>{t('editor.tiers.earn')}</th><th>{t('editor.tiers.restricted')}</th>
              <th><span className="sr-only">{t('editor.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((tier, i) => (
              <tr key={tier.key}>
                <td><TextInput bare path={`config.tiers.${i}.code`} label={t('editor.tiers.code')} value={tier.code} onChange={(code) => row(i, { code })} maxLength={40} mono /></td>
                <td><TextInput bare path={`config.tiers.${i}.name`} label={t('editor.tiers.name')} value={tier.name} onChange={(name) => row(i, { name })} maxLength={100} /></td>
                <td className="cell--narrow"><NumInput bare path={`config.tiers.${i}.rank`} unit="integer" label={t('editor.tiers.rank')} value={tier.rank} onChange={(rank) => row(i, { rank })} /></td>
                <td><NumInput bare path={`config.tiers.${i}.discountBp`} unit="percent" label={t('editor.tiers.discount')} value={tier.discount} onChange={(discount) => row(i, { discount })} /></td>
                <td><NumInput bare path={`config.tiers.${i}.earnBp`} unit="percent" label={t('editor.tiers.earn')} value={tier.earn} onChange={(earn) => row(i, { earn })} /></td>
                <td>
                  <label className="checkbox">
                    <input type="checkbox" checked={tier.restricted} disabled={issues.readOnly} onChange={(e) => row(i, { restricted: e.target.checked })} />
                    <span className="sr-only">{t('editor.tiers.restricted')}</span>
                  </label>
                </td>
                <td className="cell--actions">{tiers.length > 1 && <RemoveButton label={t('editor.tiers.remove', { name: tier.name || tier.code })} onClick={() => patch('tiers', tiers.filter((_, j) => j !== i) )} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('editor.tiers.restrictedHint')}</p>
      <AddButton label={t('editor.tiers.add')} onClick={add} />
    </Section>
  );
}

export function CumulativeSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const c = draft.cumulative;
  const levels = c.levels;
  const row = (i: number, v: Partial<(typeof levels)[number]>) => patch('cumulative', { levels: levels.map((x, j) => (j === i ? { ...x, ...v } : x)) });
  const withDays = c.scope === 'rolling' || c.scope === 'inactivity';
  return (
    <Section title={t('editor.cumulative.title')} intro={t('editor.cumulative.intro')} on={c.on} onToggle={(on) => patch('cumulative', { on })}>
      <div className="table-wrap">
        <table className="table table--form">
          <thead>
            <tr><th>{t('editor.cumulative.minAmount')}</th><th>{t('editor.cumulative.minCount')}</th><th>{t('editor.cumulative.discount')}</th><th><span className="sr-only">{t('editor.remove')}</span></th></tr>
          </thead>
          <tbody>
            {levels.map((l, i) => (
              <tr key={l.key}>
                <td><NumInput bare path={`config.cumulative.levels.${i}.minAmount`} unit="money" label={t('editor.cumulative.minAmount')} value={l.minAmount} onChange={(minAmount) => row(i, { minAmount })} /></td>
                <td><NumInput bare path={`config.cumulative.levels.${i}.minCount`} unit="count" label={t('editor.cumulative.minCount')} value={l.minCount} onChange={(minCount) => row(i, { minCount })} /></td>
                <td><NumInput bare path={`config.cumulative.levels.${i}.discountBp`} unit="percent" label={t('editor.cumulative.discount')} value={l.discount} onChange={(discount) => row(i, { discount })} /></td>
                <td className="cell--actions">{levels.length > 1 && <RemoveButton label={t('editor.remove')} onClick={() => patch('cumulative', { levels: levels.filter((_, j) => j !== i) })} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddButton label={t('editor.cumulative.add')} onClick={() => patch('cumulative', { levels: [...levels, { key: rowKey(), minAmount: '', minCount: '', discount: '' }] })} />
      <div className="form__grid">
        <Choice path="config.cumulative.match" label={t('editor.match.label')} value={c.match} options={['all', 'any'] as const} optionLabel={(v) => t(`editor.match.${v}`)} onChange={(match) => patch('cumulative', { match })} />
        <Choice
          path="config.cumulative.scope" label={t('editor.cumulative.scope')} value={c.scope} options={['forever', 'rolling', 'calendar_year', 'inactivity'] as const}
          optionLabel={(v) => t(`editor.cumulative.scopes.${v}`)} onChange={(scope) => patch('cumulative', { scope })}
        />
        {withDays && <NumInput path="config.cumulative.scope.days" unit="days" label={t(`editor.cumulative.scopeDays.${c.scope}`)} value={c.scopeDays} onChange={(scopeDays) => patch('cumulative', { scopeDays })} />}
      </div>
      <Check checked={c.neverDecrease} onChange={(neverDecrease) => patch('cumulative', { neverDecrease })} label={t('editor.cumulative.neverDecrease')} hint={t('editor.cumulative.neverDecreaseHint')} />
    </Section>
  );
}

export function ClubSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const c = draft.club;
  return (
    <Section title={t('editor.club.title')} intro={t('editor.club.intro')} on={c.on} onToggle={(on) => patch('club', { on })}>
      <div className="form__grid">
        <NumInput path="config.club.join.amount" unit="money" label={t('editor.club.joinAmount')} value={c.joinAmount} onChange={(joinAmount) => patch('club', { joinAmount })} />
        <NumInput path="config.club.join.days" unit="days" label={t('editor.club.joinDays')} value={c.joinDays} onChange={(joinDays) => patch('club', { joinDays })} />
        <NumInput path="config.club.stay.amount" unit="money" label={t('editor.club.stayAmount')} value={c.stayAmount} onChange={(stayAmount) => patch('club', { stayAmount })} />
        <NumInput path="config.club.stay.days" unit="days" label={t('editor.club.stayDays')} value={c.stayDays} onChange={(stayDays) => patch('club', { stayDays })} />
        <NumInput path="config.club.discountBp" unit="percent" label={t('editor.club.discount')} value={c.discount} onChange={(discount) => patch('club', { discount })} />
        <Choice path="config.club.approval" label={t('editor.club.approval')} value={c.approval} options={['owner', 'auto'] as const} optionLabel={(v) => t(`editor.club.approvals.${v}`)} onChange={(approval) => patch('club', { approval })} />
      </div>
    </Section>
  );
}

function GroupRates({ rows, base, label, onChange }: { rows: GroupRateDraft[]; base: string; label: string; onChange(rows: GroupRateDraft[]): void }) {
  const { t } = useTranslation('cards');
  const row = (i: number, v: Partial<GroupRateDraft>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...v } : x)));
  return (
    <div className="editor-subgroup">
      <h3>{label}</h3>
      {rows.length === 0 ? <p className="muted small">{t('editor.groups.none')}</p> : (
        <table className="table table--form">
          <thead><tr><th>{t('editor.groups.group')}</th><th>{t('editor.groups.rate')}</th><th><span className="sr-only">{t('editor.remove')}</span></th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td><TextInput bare path={`${base}.${i}.group`} label={t('editor.groups.group')} value={r.group} onChange={(group) => row(i, { group })} maxLength={100} /></td>
                <td><NumInput bare path={`${base}.${i}.rate`} unit="percent" label={t('editor.groups.rate')} value={r.rate} onChange={(rate) => row(i, { rate })} /></td>
                <td className="cell--actions"><RemoveButton label={t('editor.remove')} onClick={() => onChange(rows.filter((_, j) => j !== i))} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddButton label={t('editor.groups.add')} onClick={() => onChange([...rows, { key: rowKey(), group: '', rate: '' }])} />
    </div>
  );
}

export function PointsSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const p = draft.points;
  return (
    <Section title={t('editor.points.title')} intro={t('editor.points.intro')} on={p.on} onToggle={(on) => patch('points', { on })} testId="points-section">
      <div className="form__grid">
        <NumInput path="config.points.pendingDays" unit="days" label={t('editor.points.pendingDays')} value={p.pendingDays} onChange={(pendingDays) => patch('points', { pendingDays })} hint={t('editor.points.pendingDaysHint')} />
        <Choice path="config.points.expiry" label={t('editor.points.expiry')} value={p.expiry} options={['never', 'days', 'end_of_month', 'end_of_year'] as const} optionLabel={(v) => t(`editor.points.expiries.${v}`)} onChange={(expiry) => patch('points', { expiry })} />
        {p.expiry === 'days' && <NumInput path="config.points.expiry.days" unit="days" label={t('editor.points.expiryDays')} value={p.expiryDays} onChange={(expiryDays) => patch('points', { expiryDays })} />}
        <NumInput path="config.points.maxShareBp" unit="percent" label={t('editor.points.maxShare')} value={p.maxShare} onChange={(maxShare) => patch('points', { maxShare })} hint={t('editor.points.maxShareHint')} />
        <NumInput path="config.points.minBalanceToRedeem" unit="count" label={t('editor.points.minBalance')} value={p.minBalance} onChange={(minBalance) => patch('points', { minBalance })} />
      </div>
      <fieldset className="rate">
        <legend>{t('editor.points.rate')}</legend>
        <NumInput path="config.points.rate.points" unit="count" label={t('editor.points.ratePoints')} value={p.ratePoints} onChange={(ratePoints) => patch('points', { ratePoints })} />
        <span className="rate__equals" aria-hidden="true">=</span>
        <NumInput path="config.points.rate.minor" unit="money" label={t('editor.points.rateMoney')} value={p.rateMoney} onChange={(rateMoney) => patch('points', { rateMoney })} />
      </fieldset>
      <Check checked={p.earnWhenRedeeming} onChange={(earnWhenRedeeming) => patch('points', { earnWhenRedeeming })} label={t('editor.points.earnWhenRedeeming')} />
      <GroupRates rows={p.groupRates} base="config.points.groupEarnBp" label={t('editor.points.groupRates')} onChange={(groupRates) => patch('points', { groupRates })} />
      <div className="form__grid">
        <TextInput path="config.points.earnExcludedGroups" label={t('editor.points.earnExcluded')} value={p.earnExcluded} onChange={(earnExcluded) => patch('points', { earnExcluded })} hint={t('editor.groups.listHint')} />
        <TextInput path="config.points.redeemExcludedGroups" label={t('editor.points.redeemExcluded')} value={p.redeemExcluded} onChange={(redeemExcluded) => patch('points', { redeemExcluded })} hint={t('editor.groups.listHint')} />
      </div>
    </Section>
  );
}

export function TierRulesSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const r = draft.tierRules;
  const levels = r.levels;
  const tierCodes = draft.tiers.map((x) => x.code).filter(Boolean);
  const row = (i: number, v: Partial<(typeof levels)[number]>) => patch('tierRules', { levels: levels.map((x, j) => (j === i ? { ...x, ...v } : x)) });
  const tierName = (code: string) => draft.tiers.find((x) => x.code === code)?.name || code;
  return (
    <Section title={t('editor.tierRules.title')} intro={t('editor.tierRules.intro')} on={r.on} onToggle={(on) => patch('tierRules', { on })}>
      <div className="form__grid">
        <NumInput path="config.tierRules.windowDays" unit="days" label={t('editor.tierRules.windowDays')} value={r.windowDays} onChange={(windowDays) => patch('tierRules', { windowDays })} />
        <Choice path="config.tierRules.match" label={t('editor.match.label')} value={r.match} options={['any', 'all'] as const} optionLabel={(v) => t(`editor.match.${v}`)} onChange={(match) => patch('tierRules', { match })} />
        <NumInput path="config.tierRules.minDaysInTier" unit="days" label={t('editor.tierRules.minDaysInTier')} value={r.minDaysInTier} onChange={(minDaysInTier) => patch('tierRules', { minDaysInTier })} hint={t('editor.tierRules.minDaysInTierHint')} />
      </div>
      <div className="table-wrap">
        <table className="table table--form">
          <thead>
            <tr>
              <th>{t('editor.tierRules.tier')}</th><th>{t('editor.tierRules.upAmount')}</th><th>{t('editor.tierRules.upCount')}</th>
              <th>{t('editor.tierRules.keepAmount')}</th><th>{t('editor.tierRules.keepCount')}</th><th><span className="sr-only">{t('editor.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l, i) => (
              <tr key={l.key}>
                <td>
                  <Choice
                    bare path={`config.tierRules.levels.${i}.tier`} label={t('editor.tierRules.tier')} value={l.tier}
                    options={tierCodes.includes(l.tier) ? tierCodes : [l.tier, ...tierCodes]} optionLabel={tierName} onChange={(tier) => row(i, { tier })}
                  />
                </td>
                <td><NumInput bare path={`config.tierRules.levels.${i}.upgrade.minAmount`} unit="money" label={t('editor.tierRules.upAmount')} value={l.upAmount} onChange={(upAmount) => row(i, { upAmount })} /></td>
                <td><NumInput bare path={`config.tierRules.levels.${i}.upgrade.minCount`} unit="count" label={t('editor.tierRules.upCount')} value={l.upCount} onChange={(upCount) => row(i, { upCount })} /></td>
                <td><NumInput bare path={`config.tierRules.levels.${i}.keep.minAmount`} unit="money" label={t('editor.tierRules.keepAmount')} value={l.keepAmount} onChange={(keepAmount) => row(i, { keepAmount })} placeholder={l.upAmount} /></td>
                <td><NumInput bare path={`config.tierRules.levels.${i}.keep.minCount`} unit="count" label={t('editor.tierRules.keepCount')} value={l.keepCount} onChange={(keepCount) => row(i, { keepCount })} placeholder={l.upCount} /></td>
                <td className="cell--actions"><RemoveButton label={t('editor.remove')} onClick={() => patch('tierRules', { levels: levels.filter((_, j) => j !== i) })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('editor.tierRules.hint')}</p>
      <AddButton label={t('editor.tierRules.add')} onClick={() => patch('tierRules', { levels: [...levels, { key: rowKey(), tier: tierCodes.find((c) => !levels.some((l) => l.tier === c)) ?? tierCodes[0] ?? '', upAmount: '', upCount: '', keepAmount: '', keepCount: '' }] })} />
      <Check checked={r.downgrade} onChange={(downgrade) => patch('tierRules', { downgrade })} label={t('editor.tierRules.downgrade')} />
    </Section>
  );
}

export function MarginSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const g = draft.marginGuard;
  return (
    <Section title={t('editor.margin.title')} intro={t('editor.margin.intro')} on={g.on} onToggle={(on) => patch('marginGuard', { on })}>
      <div className="form__grid">
        <NumInput path="config.marginGuard.minMarkupBp" unit="percent" label={t('editor.margin.minMarkup')} value={g.minMarkup} onChange={(minMarkup) => patch('marginGuard', { minMarkup })} hint={t('editor.margin.minMarkupHint')} />
        <NumInput path="config.marginGuard.defaultMaxDiscountBp" unit="percent" label={t('editor.margin.defaultMax')} value={g.defaultMaxDiscount} onChange={(defaultMaxDiscount) => patch('marginGuard', { defaultMaxDiscount })} hint={t('editor.margin.defaultMaxHint')} />
      </div>
      <GroupRates rows={g.groupMax} base="config.marginGuard.groupMaxDiscountBp" label={t('editor.margin.groupMax')} onChange={(groupMax) => patch('marginGuard', { groupMax })} />
    </Section>
  );
}

export function RulesSection({ draft, patch }: SectionProps) {
  const { t } = useTranslation('cards');
  const s = draft.stacking;
  return (
    <Section title={t('editor.stacking.title')} intro={t('editor.stacking.intro')}>
      <fieldset className="priorities">
        <legend>{t('editor.stacking.priority')}</legend>
        <div className="form__grid">
          {(['tier', 'cumulative', 'club'] as const).map((m) => (
            <NumInput key={m} path={`config.stacking.priority.${m}`} unit="integer" allowNegative label={t(`mechanics.${m}`)} value={s[m]} onChange={(v) => patch('stacking', { [m]: v })} />
          ))}
        </div>
        <small className="field__hint">{t('editor.stacking.priorityHint')}</small>
      </fieldset>
      <div className="form__grid">
        <Choice path="config.stacking.promotion" label={t('editor.stacking.promotion')} value={s.promotion} options={['combine', 'best_of', 'never_combine'] as const} optionLabel={(v) => t(`editor.stacking.promotions.${v}`)} onChange={(promotion) => patch('stacking', { promotion })} />
        <Choice path="config.refundPolicy" label={t('editor.refund.label')} value={draft.refundPolicy} options={['negative_balance', 'reduce_refund', 'forgive'] as const} optionLabel={(v) => t(`editor.refund.${v}`)} onChange={(v) => patch('refundPolicy', v)} hint={t('editor.refund.hint')} />
      </div>
      <h3>{t('editor.sms.title')}</h3>
      <Check checked={draft.sms.beforeSpendingPoints} onChange={(beforeSpendingPoints) => patch('sms', { beforeSpendingPoints })} label={t('editor.sms.beforeSpendingPoints')} />
      <Check checked={draft.sms.beforePersonalDiscountByPhone} onChange={(beforePersonalDiscountByPhone) => patch('sms', { beforePersonalDiscountByPhone })} label={t('editor.sms.beforePersonalDiscountByPhone')} />
    </Section>
  );
}
