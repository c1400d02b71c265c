// A customer's points in a program: spendable, pending, debt, the lots with their unlock and expiry
// dates, every ledger entry, tier changes, and (owner or manager) a manual adjustment with a reason.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { isolate } from '../../bidi';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { LoadState } from '../../components/LoadState';
import { parseInteger } from '../../components/decimal';
import { useAreaError } from '../../components/useAreaError';
import { useAreaSubmit } from '../../components/useAreaSubmit';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { useMe } from '../../session';
import { can } from './access';
import { StatusBadge } from './CardsListPage';
import { useCustomerName } from './customer-names';
import { defaultProgram, tierName, usePrograms } from './programs-data';

type LedgerEntry = components['schemas']['LedgerEntry'];
const PAGE = 50;
const KINDS = ['accrue', 'unlock', 'spend', 'expire', 'return', 'take_back', 'adjust', 'settle_debt', 'debt_repaid'];

/** /cards/customers/:customerId — the customer's cards and points. */
export function CustomerPointsPage() {
  const { customerId = '' } = useParams();
  const { t } = useTranslation('cards');
  const name = useCustomerName(customerId);
  const programs = usePrograms();
  const active = programs.data?.filter((p) => !p.archived) ?? [];
  const [programId, setProgramId] = useState<string | null>(null);
  const cards = useLoad(useCallback(async () => (await unwrap(api.GET('/api/cards', { params: { query: { customerId, limit: 50, offset: 0 } } }))).items, [customerId]));
  if (!programs.data) return <LoadState loading={programs.loading} error={programs.error} onRetry={programs.reload} />;
  const chosen = programId ?? defaultProgram(programs.data)?.id ?? null;
  return (
    <>
      <section className="card">
        <div className="card__header">
          <div>
            <p className="eyebrow">{t('points.customer')}</p>
            <h2><bdi>{name ?? '…'}</bdi></h2>
            <Link to={`/customers/${customerId}`} className="small">{t('points.openFile')}</Link>
          </div>
          {active.length > 1 && (
            <div className="field">
              <label htmlFor="points-program">{t('card.program')}</label>
              <select id="points-program" value={chosen ?? ''} onChange={(e) => setProgramId(e.target.value)}>
                {active.map((p) => <option key={p.id} value={p.id}>{isolate(p.name)}</option>)}
              </select>
            </div>
          )}
        </div>
        {cards.data && (cards.data.length === 0 ? <p className="muted">{t('points.noCards')} <Link to="/cards/issue">{t('list.issue')}</Link></p> : (
          <ul className="list">
            {cards.data.map((c) => (
              <li key={c.id} className="list__item">
                <Link to={`/cards/${c.id}`} dir="ltr" className="mono">{c.number}</Link>
                <span>{tierName(programs.data, c.programId, c.tier)} <StatusBadge status={c.status} /></span>
              </li>
            ))}
          </ul>
        ))}
      </section>
      {chosen ? <CustomerPoints customerId={customerId} programId={chosen} /> : <Alert kind="info">{t('issue.noProgram')}</Alert>}
    </>
  );
}

export function CustomerPoints({ customerId, programId }: { customerId: string; programId: string }) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const { staff } = useMe();
  const areaError = useAreaError('cards');
  const [generation, setGeneration] = useState(0);
  const loader = useCallback(async () => {
    const query = { programId };
    const [balance, history, tiers] = await Promise.all([
      unwrap(api.GET('/api/loyalty/customers/{id}/balance', { params: { path: { id: customerId }, query } })),
      unwrap(api.GET('/api/loyalty/customers/{id}/history', { params: { path: { id: customerId }, query: { ...query, limit: PAGE } } })),
      unwrap(api.GET('/api/loyalty/customers/{id}/tier-history', { params: { path: { id: customerId } } })),
    ]);
    return { balance, history: history.items, tiers: tiers.items.filter((x) => x.programId === programId), generation };
  }, [customerId, programId, generation]);
  const { data, error, loading, reload, set } = useLoad(loader);
  const [moreError, setMoreError] = useState<string | null>(null);
  const programs = usePrograms();

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  const { balance } = data;

  const loadMore = async () => {
    const last = data.history[data.history.length - 1];
    if (!last) return;
    try {
      const next = await unwrap(api.GET('/api/loyalty/customers/{id}/history', { params: { path: { id: customerId }, query: { programId, limit: PAGE, before: last.at } } }));
      // Entries of one operation share a moment; drop the ones already shown.
      const seen = new Set(data.history.map((h) => h.id));
      set({ ...data, history: [...data.history, ...next.items.filter((h) => !seen.has(h.id))] });
    } catch (e) {
      setMoreError(areaError(e));
    }
  };

  return (
    <>
      <section className="card" aria-label={t('points.title')}>
        <h2>{t('points.title')}</h2>
        <div className="stats" data-testid="points-balance">
          <div className="stat"><span className="stat__label">{t('points.spendable')}</span><span className="stat__value">{fmt.number(balance.spendable)}</span></div>
          <div className="stat"><span className="stat__label">{t('points.pending')}</span><span className="stat__value">{fmt.number(balance.pending)}</span></div>
          {balance.debt > 0 && <div className="stat stat--warning"><span className="stat__label">{t('points.debt')}</span><span className="stat__value">{fmt.number(balance.debt)}</span></div>}
          <div className="stat">
            <span className="stat__label">{t('card.tier')}</span>
            <span className="stat__value stat__value--small">{balance.tier ? tierName(programs.data, programId, balance.tier) : '—'}</span>
            {balance.clubMember && <span className="stat__note">{t('points.clubMember')}</span>}
          </div>
        </div>
      </section>
      {can(staff.role, 'points.adjust') && <AdjustForm customerId={customerId} programId={programId} onDone={() => setGeneration((g) => g + 1)} />}
      {balance.lots.length > 0 && (
        <section className="card">
          <h2>{t('points.lots')}</h2>
          <div className="table-wrap">
            <table className="table table--compact">
              <thead><tr><th>{t('points.lot')}</th><th>{t('points.remaining')}</th><th>{t('points.unlockAt')}</th><th>{t('points.expiresAt')}</th></tr></thead>
              <tbody>
                {balance.lots.map((l) => (
                  <tr key={l.id}>
                    <td><code dir="ltr">{l.id}</code>{l.pending && <> <span className="badge">{t('points.pendingBadge')}</span></>}</td>
                    <td className="num">{fmt.number(l.remaining)}</td>
                    <td className="nowrap">{l.unlockAt ? fmt.date(l.unlockAt) : '—'}</td>
                    <td className="nowrap">{l.expiresAt ? fmt.date(l.expiresAt) : t('points.never')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section className="card" data-testid="points-history">
        <h2>{t('points.history')}</h2>
        {data.history.length === 0 ? <p className="muted">{t('points.noHistory')}</p> : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead><tr><th>{t('history.when')}</th><th>{t('history.what')}</th><th>{t('points.spendableChange')}</th><th>{t('points.pendingChange')}</th><th>{t('points.operation')}</th></tr></thead>
              <tbody>
                {data.history.map((h) => <HistoryRow key={h.id} h={h} />)}
              </tbody>
            </table>
          </div>
        )}
        {moreError && <Alert kind="error">{moreError}</Alert>}
        {data.history.length >= PAGE && <div className="actions"><button type="button" className="button" onClick={() => void loadMore()}>{t('list.more')}</button></div>}
      </section>
      {data.tiers.length > 0 && (
        <section className="card">
          <h2>{t('points.tierHistory')}</h2>
          <ul className="list">
            {data.tiers.map((x) => (
              <li key={x.id} className="list__item">
                <span>
                  {x.kind === 'club'
                    ? t(x.to === 'member' ? 'points.clubJoined' : 'points.clubLeft')
                    : t('points.tierChange', { from: x.from ? tierName(programs.data, programId, x.from) : '—', to: x.to ? tierName(programs.data, programId, x.to) : '—' })}
                  {' '}<span className="muted small">{t(`points.tierReasons.${x.reason.startsWith('approved:') ? 'approved' : x.reason}`, { defaultValue: x.reason })}</span>
                </span>
                <span className="muted nowrap">{fmt.dateTime(x.at)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function HistoryRow({ h }: { h: LedgerEntry }) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const signed = (n: number) => (n === 0 ? '' : `${n > 0 ? '+' : '−'}${fmt.number(Math.abs(n))}`);
  return (
    <tr>
      <td className="nowrap">{fmt.dateTime(h.at)}</td>
      <td>{KINDS.includes(h.kind) ? t(`points.kinds.${h.kind}`) : h.kind}</td>
      <td className={`num ${h.spendableChange < 0 ? 'negative' : h.spendableChange > 0 ? 'positive' : ''}`}><bdi dir="ltr">{signed(h.spendableChange)}</bdi></td>
      <td className="num muted"><bdi dir="ltr">{signed(h.pendingChange)}</bdi></td>
      <td><code dir="ltr" className="small">{h.operationId}</code></td>
    </tr>
  );
}

function AdjustForm({ customerId, programId, onDone }: { customerId: string; programId: string; onDone(): void }) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const { organization } = useMe();
  const [direction, setDirection] = useState<'add' | 'take'>('add');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  // One id per intended adjustment: a retry after a lost answer cannot apply it twice.
  const [adjustmentId, setAdjustmentId] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<string | null>(null);
  const submit = useAreaSubmit('cards', ['amount', 'reason', 'expiresAt']);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const n = parseInteger(amount);
    if (n === null || n === 0) {
      submit.setFieldError('amount', t('issues.positiveInteger'));
      return;
    }
    if (reason.trim().length < 3) {
      submit.setFieldError('reason', t('issues.reason'));
      return;
    }
    const signed = direction === 'add' ? n : -n;
    await submit.run(async () => {
      const expiresAt = direction === 'add' && expires ? endOfDayIn(expires, organization.timeZone) : null;
      const answer = await unwrap(api.POST('/api/loyalty/customers/{id}/adjustments', {
        params: { path: { id: customerId } },
        body: { adjustmentId, amount: signed, reason: reason.trim(), programId, ...(expiresAt ? { expiresAt } : {}) },
      }));
      setDone(t('adjust.done', { amount: `${signed > 0 ? '+' : '−'}${fmt.number(Math.abs(signed))}`, spendable: fmt.number(answer.balance.spendable) }));
      setAmount('');
      setReason('');
      setExpires('');
      setAdjustmentId(crypto.randomUUID());
      onDone();
    });
  };

  return (
    <form className="card form form--wide" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="adjust-form">
      <div>
        <h2>{t('adjust.title')}</h2>
        <p className="muted">{t('adjust.intro')}</p>
      </div>
      <div className="form__grid">
        <fieldset className="choice-group">
          <legend>{t('adjust.direction')}</legend>
          <label className="checkbox"><input type="radio" name="direction" checked={direction === 'add'} onChange={() => setDirection('add')} /> {t('adjust.add')}</label>
          <label className="checkbox"><input type="radio" name="direction" checked={direction === 'take'} onChange={() => setDirection('take')} /> {t('adjust.take')}</label>
        </fieldset>
        <Field label={t('adjust.amount')} error={submit.fieldError('amount')}>
          <input inputMode="numeric" dir="ltr" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        {direction === 'add' && (
          <Field label={t('adjust.expires')} error={submit.fieldError('expiresAt')} hint={t('adjust.expiresHint')}>
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </Field>
        )}
      </div>
      <Field label={t('adjust.reason')} error={submit.fieldError('reason')} hint={t('adjust.reasonHint')}>
        <textarea dir="auto" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
      </Field>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      <div className="actions"><button type="submit" className="button button--primary" disabled={submit.busy}>{t('adjust.submit')}</button></div>
    </form>
  );
}

/** The last moment of a calendar day on the organization's clock, as an ISO instant. */
function endOfDayIn(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(y, m - 1, d + 1);
  // The zone's offset at that moment (twice, in case the first guess crossed a clock change).
  let at = nextMidnightUtc;
  for (let i = 0; i < 2; i++) at = nextMidnightUtc - zoneOffsetMs(at, timeZone);
  return new Date(at - 1000).toISOString();
}

function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}
