// Issues a personal card: find the customer, choose the program and the card type, and either let
// Regulars number the card or type the number of a pre-printed one.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { LoadState } from '../../components/LoadState';
import { formatBp } from '../../components/percent';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { useAreaSubmit } from '../../components/useAreaSubmit';
import { isolate } from '../../bidi';
import { useMe } from '../../session';
import { can } from './access';
import { StatusBadge } from './CardsListPage';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';
import { defaultProgram, tierName, usePrograms } from './programs-data';

const FIELDS = ['programId', 'customerId', 'tier', 'number'] as const;

export function IssueCardPage() {
  const { t } = useTranslation('cards');
  const { staff } = useMe();
  const programs = usePrograms();
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  if (!programs.data) return <LoadState loading={programs.loading} error={programs.error} onRetry={programs.reload} />;
  const active = programs.data.filter((p) => !p.archived);
  if (active.length === 0) {
    return (
      <section className="card">
        <h2>{t('issue.title')}</h2>
        <Alert kind="info">{t('issue.noProgram')} {can(staff.role, 'programs.manage') && <Link to="/cards/programs/new">{t('programs.create')}</Link>}</Alert>
      </section>
    );
  }
  return (
    <section className="card">
      <div>
        <h2>{t('issue.title')}</h2>
        <p className="muted">{t('issue.intro')}</p>
      </div>
      {customer ? (
        <IssueForm key={customer.id} customer={customer} programs={active} onChangeCustomer={() => setCustomer(null)} />
      ) : (
        <CustomerPicker label={t('issue.customer')} onPick={setCustomer} autoFocus />
      )}
    </section>
  );
}

type Programs = NonNullable<ReturnType<typeof usePrograms>['data']>;

function IssueForm({ customer, programs, onChangeCustomer }: { customer: PickedCustomer; programs: Programs; onChangeCustomer(): void }) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const { staff } = useMe();
  const navigate = useNavigate();
  const [programId, setProgramId] = useState(defaultProgram(programs)?.id ?? programs[0]?.id ?? '');
  const program = programs.find((p) => p.id === programId);
  const tiers = [...(program?.config.tiers ?? [])].sort((a, b) => a.rank - b.rank);
  const mayVip = can(staff.role, 'cards.issue_vip');
  const [tier, setTier] = useState(tiers.find((x) => !x.restricted)?.code ?? tiers[0]?.code ?? '');
  const [preprinted, setPreprinted] = useState(false);
  const [number, setNumber] = useState('');
  const submit = useAreaSubmit('cards', FIELDS);
  const existing = useLoad(useCallback(async () => (await unwrap(api.GET('/api/cards', { params: { query: { customerId: customer.id, limit: 20, offset: 0 } } }))).items, [customer.id]));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const card = await unwrap(api.POST('/api/cards', { body: { programId, customerId: customer.id, tier, ...(preprinted ? { number: number.trim() } : {}) } }));
      navigate(`/cards/${card.id}`, { state: { issued: true } });
    });
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="issue-card-form">
      <div className="picked">
        <span>{t('issue.for')} <strong><bdi>{customer.name}</bdi></strong></span>
        <button type="button" className="link-button" onClick={onChangeCustomer}>{t('issue.otherCustomer')}</button>
      </div>
      {existing.data && existing.data.length > 0 && (
        <div className="muted small">
          {t('issue.hasCards')}{' '}
          {existing.data.map((c, i) => (
            <span key={c.id}>{i > 0 && ', '}<Link to={`/cards/${c.id}`} dir="ltr" className="mono">{c.number}</Link> <StatusBadge status={c.status} /></span>
          ))}
        </div>
      )}
      <div className="form__grid">
        {programs.length > 1 && (
          <Field label={t('issue.program')} error={submit.fieldError('programId')}>
            <select value={programId} onChange={(e) => setProgramId(e.target.value)}>
              {programs.map((p) => <option key={p.id} value={p.id}>{isolate(p.name)}</option>)}
            </select>
          </Field>
        )}
        <Field label={t('card.tier')} error={submit.fieldError('tier')} hint={!mayVip && tiers.some((x) => x.restricted) ? t('issue.vipHint') : undefined}>
          <select value={tier} onChange={(e) => setTier(e.target.value)} data-testid="issue-tier">
            {tiers.map((x) => (
              <option key={x.code} value={x.code} disabled={x.restricted && !mayVip}>
                {tierName(programs, programId, x.code)} — {t('issue.tierTerms', { discount: formatBp(x.discountBp, fmt.locale), earn: formatBp(x.earnBp, fmt.locale) })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="choice-group">
        <legend>{t('issue.numberTitle')}</legend>
        <label className="checkbox"><input type="radio" name="numbering" checked={!preprinted} onChange={() => setPreprinted(false)} /> {t('issue.generated')}</label>
        <label className="checkbox"><input type="radio" name="numbering" checked={preprinted} onChange={() => setPreprinted(true)} /> {t('issue.preprinted')}</label>
      </fieldset>
      {preprinted && (
        <Field label={t('card.number')} error={submit.fieldError('number')} hint={t('issue.numberHint')}>
          <input dir="ltr" inputMode="numeric" className="mono" value={number} onChange={(e) => setNumber(e.target.value)} autoFocus autoComplete="off" />
        </Field>
      )}
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy || !tier}>{t('issue.submit')}</button>
      </div>
    </form>
  );
}
