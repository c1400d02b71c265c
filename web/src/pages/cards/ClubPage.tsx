// Discount club (owner): the daily evaluation proposes who joins and who leaves; the owner approves or
// rejects each proposal (programs set to apply automatically do not wait here).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Alert } from '../../components/Alert';
import { LoadState } from '../../components/LoadState';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { HolderName } from './CardsListPage';

type Proposal = components['schemas']['ClubProposal'];
type Status = Proposal['status'];
const STATUSES: readonly Status[] = ['pending', 'approved', 'rejected', 'applied'];

export function ClubPage() {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const areaError = useAreaError('cards');
  const [status, setStatus] = useState<Status>('pending');
  const loader = useCallback(async () => (await unwrap(api.GET('/api/loyalty/club/proposals', { params: { query: { status, limit: 200 } } }))).items, [status]);
  const { data, error, loading, reload } = useLoad(loader);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const decide = async (p: Proposal, decision: 'approve' | 'reject') => {
    setBusy(p.id);
    setActionError(null);
    try {
      const path = decision === 'approve' ? '/api/loyalty/club/proposals/{id}/approve' : '/api/loyalty/club/proposals/{id}/reject';
      await unwrap(api.POST(path, { params: { path: { id: p.id } } }));
      reload();
    } catch (e) {
      setActionError(areaError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('club.title')}</h2>
          <p className="muted">{t('club.intro')}</p>
        </div>
        <div className="field">
          <label htmlFor="club-status">{t('list.status')}</label>
          <select id="club-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`club.statuses.${s}`)}</option>)}
          </select>
        </div>
      </div>
      {actionError && <Alert kind="error">{actionError}</Alert>}
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : data.length === 0 ? <p className="muted">{t('club.none')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th>{t('card.holder')}</th><th>{t('club.action')}</th><th>{t('club.measured')}</th><th>{t('club.window')}</th><th>{t('club.proposed')}</th><th><span className="sr-only">{t('common.actions', { ns: 'translation' })}</span></th></tr></thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.id}>
                  <td><HolderName id={p.customerId} /></td>
                  <td><span className={p.action === 'join' ? 'badge badge--ok' : 'badge badge--danger'}>{t(`club.actions.${p.action}`)}</span></td>
                  <td className="nowrap">{t('club.measuredOf', { measured: fmt.money(p.measured), required: fmt.money(p.required) })}</td>
                  <td className="nowrap">{fmt.date(p.windowStart)} – {fmt.date(p.windowEnd)}</td>
                  <td className="nowrap">{fmt.date(p.createdAt)}</td>
                  <td className="cell--actions">
                    {p.status === 'pending' && (
                      <>
                        <button type="button" className="button button--small button--primary" disabled={busy === p.id} onClick={() => void decide(p, 'approve')}>{t('club.approve')}</button>
                        <button type="button" className="button button--small" disabled={busy === p.id} onClick={() => void decide(p, 'reject')}>{t('club.reject')}</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
