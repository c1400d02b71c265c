// Cards, newest first: find one by its number (typed or scanned) or all cards of a customer, filter
// by status, open a card.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Alert } from '../../components/Alert';
import { LoadState } from '../../components/LoadState';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { useMe } from '../../session';
import { can } from './access';
import { useCustomerName } from './customer-names';
import { CustomerPicker } from './CustomerPicker';
import { tierName, usePrograms } from './programs-data';

export type Card = components['schemas']['Card'];
type Status = Card['status'];
const STATUSES: readonly Status[] = ['active', 'blocked', 'replaced'];
const PAGE = 50;

export function CardsListPage() {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const { staff } = useMe();
  const navigate = useNavigate();
  const areaError = useAreaError('cards');
  const [params, setParams] = useSearchParams();
  const number = params.get('number') ?? '';
  const customerId = params.get('customer') ?? '';
  const status = (params.get('status') ?? '') as Status | '';
  const batchId = params.get('batch') ?? '';
  const [numberText, setNumberText] = useState(number);
  const [more, setMore] = useState<{ items: Card[]; done: boolean; error: string | null }>({ items: [], done: false, error: null });
  const programs = usePrograms();
  const holder = useCustomerName(customerId || null);

  const loader = useCallback(async () => {
    const query = { limit: PAGE, offset: 0, ...(number ? { number } : {}), ...(customerId ? { customerId } : {}), ...(status ? { status } : {}), ...(batchId ? { batchId } : {}) };
    return (await unwrap(api.GET('/api/cards', { params: { query } }))).items;
  }, [number, customerId, status, batchId]);
  const { data, error, loading, reload } = useLoad(loader);

  const setFilter = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setMore({ items: [], done: false, error: null });
    setParams(p);
  };

  const onNumber = async (e: FormEvent) => {
    e.preventDefault();
    const typed = numberText.replace(/[\s-]/g, '');
    // A scanner types the number and Enter: one exact match opens the card at once.
    if (typed) {
      try {
        const found = await unwrap(api.GET('/api/cards', { params: { query: { number: typed, limit: 2, offset: 0 } } }));
        if (found.items.length === 1 && found.items[0]) {
          navigate(`/cards/${found.items[0].id}`);
          return;
        }
      } catch {
        // the list below shows the problem
      }
    }
    setFilter({ number: typed, customer: '' });
  };

  const loadMore = async () => {
    const offset = (data?.length ?? 0) + more.items.length;
    try {
      const query = { limit: PAGE, offset, ...(number ? { number } : {}), ...(customerId ? { customerId } : {}), ...(status ? { status } : {}), ...(batchId ? { batchId } : {}) };
      const next = (await unwrap(api.GET('/api/cards', { params: { query } }))).items;
      setMore({ items: [...more.items, ...next], done: next.length < PAGE, error: null });
    } catch (err) {
      setMore({ ...more, error: areaError(err) });
    }
  };

  const cards = data ? [...data, ...more.items] : [];
  const canLoadMore = data !== undefined && data.length === PAGE && !more.done;

  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('list.title')}</h2>
          <p className="muted">{t('list.intro')}</p>
        </div>
        {can(staff.role, 'checkout.use') && <Link to="/cards/issue" className="button button--primary">{t('list.issue')}</Link>}
      </div>
      <div className="filters">
        <form className="field" onSubmit={(e) => void onNumber(e)}>
          <label htmlFor="card-number-search">{t('list.number')}</label>
          <div className="input-with-button">
            <input id="card-number-search" inputMode="numeric" dir={numberText ? 'ltr' : undefined} value={numberText} onChange={(e) => setNumberText(e.target.value)} placeholder={t('list.numberPlaceholder')} autoComplete="off" />
            <button type="submit" className="button">{t('list.find')}</button>
          </div>
        </form>
        <div className="field">
          <label htmlFor="card-status">{t('list.status')}</label>
          <select id="card-status" value={status} onChange={(e) => setFilter({ status: e.target.value })}>
            <option value="">{t('list.anyStatus')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <CustomerPicker label={t('list.byCustomer')} onPick={(c) => { setNumberText(''); setFilter({ customer: c.id, number: '' }); }} />
      </div>
      {(number || customerId || batchId) && (
        <div className="chips">
          {number && <span className="chip">{t('list.numberIs', { number })} <button type="button" className="chip__remove" aria-label={t('list.clear')} onClick={() => { setNumberText(''); setFilter({ number: '' }); }}>×</button></span>}
          {batchId && <span className="chip">{t('list.ofBatch')} <button type="button" className="chip__remove" aria-label={t('list.clear')} onClick={() => setFilter({ batch: '' })}>×</button></span>}
          {customerId && <span className="chip">{t('list.cardsOf', { name: holder ?? '…' })} <button type="button" className="chip__remove" aria-label={t('list.clear')} onClick={() => setFilter({ customer: '' })}>×</button></span>}
        </div>
      )}
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : cards.length === 0 ? <p className="muted">{t('list.none')}</p> : (
        <div className="table-wrap">
          <table className="table" data-testid="cards-table">
            <thead>
              <tr><th>{t('card.number')}</th><th>{t('card.kind')}</th><th>{t('card.tier')}</th><th>{t('card.holder')}</th><th>{t('list.status')}</th><th>{t('card.issued')}</th></tr>
            </thead>
            <tbody>
              {cards.map((c) => (
                <tr key={c.id} className={c.status === 'active' ? undefined : 'row--inactive'}>
                  <td><Link to={`/cards/${c.id}`} className="mono" dir="ltr">{c.number}</Link></td>
                  <td>{t(`kind.${c.kind}`)}</td>
                  <td><bdi>{tierName(programs.data, c.programId, c.tier)}</bdi></td>
                  <td>{c.customerId ? <HolderName id={c.customerId} /> : <span className="muted">{t('card.unbound')}</span>}</td>
                  <td><StatusBadge status={c.status} /></td>
                  <td className="nowrap">{fmt.date(c.issuedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more.error && <Alert kind="error">{more.error}</Alert>}
      {canLoadMore && <div className="actions"><button type="button" className="button" onClick={() => void loadMore()}>{t('list.more')}</button></div>}
    </section>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('cards');
  const cls = status === 'active' ? 'badge badge--ok' : status === 'blocked' ? 'badge badge--danger' : 'badge';
  return <span className={cls}>{t(`status.${status}`)}</span>;
}

export function HolderName({ id }: { id: string }) {
  const { t } = useTranslation('cards');
  const name = useCustomerName(id);
  return <Link to={`/cards/customers/${id}`}><bdi>{name === undefined ? '…' : name ?? t('card.unknownCustomer')}</bdi></Link>;
}
