// What happened to a card and to the cards it replaced: issue, binding, blocks, replacement, and every
// receipt, refund and cancellation made with it, newest first.
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { LoadState } from '../../components/LoadState';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { HolderName } from './CardsListPage';

const KNOWN = ['issued', 'bound', 'blocked', 'unblocked', 'replaced', 'replacement_of', 'purchase', 'refund', 'cancel'];

export function CardHistory({ cardId }: { cardId: string }) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const loader = useCallback(async () => (await unwrap(api.GET('/api/cards/{id}/history', { params: { path: { id: cardId }, query: { limit: 200 } } }))).items, [cardId]);
  const { data, error, loading, reload } = useLoad(loader);

  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const money = (v: unknown) => (num(v) === null ? null : fmt.money(num(v)!));
  const details = (kind: string, d: Record<string, unknown>): ReactNode => {
    const parts: ReactNode[] = [];
    const add = (label: string, value: ReactNode | null) => { if (value !== null && value !== '' && value !== undefined) parts.push(<span key={label} className="fact"><span className="muted">{label}:</span> {value}</span>); };
    if (kind === 'purchase') {
      add(t('history.subtotal'), money(d.subtotal));
      add(t('history.discount'), money(d.discount));
      add(t('history.paid'), money(d.paid));
      add(t('history.pointsSpent'), num(d.pointsSpent) ? fmt.number(num(d.pointsSpent)!) : null);
      add(t('history.pointsEarned'), num(d.pointsEarned) ? fmt.number(num(d.pointsEarned)!) : null);
      if (typeof d.status === 'string' && d.status !== 'confirmed') add(t('history.status'), t(`receiptStatus.${d.status}`, { defaultValue: d.status }));
    } else if (kind === 'refund' || kind === 'cancel') {
      add(t('history.moneyReturned'), money(d.moneyReturned));
      add(t('history.pointsReturned'), num(d.pointsReturned) ? fmt.number(num(d.pointsReturned)!) : null);
      add(t('history.pointsTakenBack'), num(d.pointsTakenBack) ? fmt.number(num(d.pointsTakenBack)!) : null);
    } else if (kind === 'replaced' && typeof d.newCardId === 'string') {
      add(t('history.newCard'), <Link to={`/cards/${d.newCardId}`} dir="ltr" className="mono">{String(d.newNumber ?? '')}</Link>);
      add(t('history.reason'), typeof d.reason === 'string' ? <bdi>{d.reason}</bdi> : null);
    } else if (kind === 'replacement_of' && typeof d.oldCardId === 'string') {
      add(t('history.oldCard'), <Link to={`/cards/${d.oldCardId}`} dir="ltr" className="mono">{String(d.oldNumber ?? '')}</Link>);
    } else if (kind === 'blocked') {
      add(t('history.reason'), typeof d.reason === 'string' ? <bdi>{d.reason}</bdi> : null);
    } else if ((kind === 'bound' || kind === 'issued') && typeof d.customerId === 'string') {
      add(t('card.holder'), <HolderName id={d.customerId} />);
    }
    return parts.length ? <span className="facts">{parts}</span> : null;
  };

  return (
    <section className="card" data-testid="card-history">
      <h2>{t('history.title')}</h2>
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : data.length === 0 ? <p className="muted">{t('history.none')}</p> : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead><tr><th>{t('history.when')}</th><th>{t('history.what')}</th><th>{t('history.receipt')}</th><th>{t('history.details')}</th></tr></thead>
            <tbody>
              {data.map((e, i) => (
                <tr key={`${e.at}-${e.kind}-${i}`}>
                  <td className="nowrap">{fmt.dateTime(e.at)}</td>
                  <td>{KNOWN.includes(e.kind) ? t(`history.kinds.${e.kind}`) : e.kind}{e.cardId !== cardId && <div className="muted small">{t('history.earlierCard')}</div>}</td>
                  <td>{e.receiptId ? <code dir="ltr">{e.receiptId}</code> : '—'}</td>
                  <td>{details(e.kind, e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
