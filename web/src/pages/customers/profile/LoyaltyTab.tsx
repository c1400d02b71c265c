// Points, read-only: what the customer has now (spendable, pending, lots and their expiry) and the
// ledger entries behind it, as the loyalty module reports them.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../../api/client';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useProfile } from './context';
import { Section } from './Section';

export function LoyaltyTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const { customer } = useProfile();
  const id = customer.id;
  const loader = useCallback(async () => {
    try {
      const [balance, history] = await Promise.all([
        unwrap(api.GET('/api/loyalty/customers/{id}/balance', { params: { path: { id } } })),
        unwrap(api.GET('/api/loyalty/customers/{id}/history', { params: { path: { id }, query: { limit: 100 } } })),
      ]);
      // The tier's name as the program calls it ("Gold", not "gold"); the code when the program is not readable.
      const programs = await unwrap(api.GET('/api/loyalty/programs')).then((r) => r.items, () => []);
      const tierName = programs.find((p) => p.id === balance.programId)?.config.tiers.find((x) => x.code === balance.tier)?.name ?? balance.tier;
      return { balance, history: history.items, tierName };
    } catch (e) {
      // No program yet, or none this customer belongs to: nothing to show rather than an error.
      if (e instanceof ApiError && (e.status === 404 || e.status === 422)) return null;
      throw e;
    }
  }, [id]);
  const { data, error, loading, reload } = useLoad(loader);

  if (data === undefined) return <LoadState loading={loading} error={error} onRetry={reload} />;
  if (data === null) return <Section title={t('profile.tabs.loyalty')}><p className="muted">{t('loyalty.noProgram')}</p></Section>;
  const { balance, history, tierName } = data;
  const signed = (n: number) => (n > 0 ? `+${fmt.number(n)}` : fmt.number(n));

  return (
    <>
      <Section title={t('profile.tabs.loyalty')} intro={balance.member ? t('loyalty.intro') : t('loyalty.notMember')} testId="loyalty">
        <div className="stats">
          <div className="stat"><span className="stat__label">{t('loyalty.spendable')}</span><span className="stat__value">{fmt.number(balance.spendable)}</span></div>
          <div className="stat"><span className="stat__label">{t('loyalty.pending')}</span><span className="stat__value">{fmt.number(balance.pending)}</span></div>
          {balance.debt > 0 && <div className="stat"><span className="stat__label">{t('loyalty.debt')}</span><span className="stat__value">{fmt.number(balance.debt)}</span></div>}
          <div className="stat"><span className="stat__label">{t('loyalty.tier')}</span><span className="stat__value stat__value--small"><bdi>{tierName ?? '—'}</bdi></span>
            {balance.clubMember && <span className="stat__note">{t('loyalty.club')}</span>}</div>
        </div>
        {balance.lots.length > 0 && (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead><tr><th>{t('loyalty.lot')}</th><th>{t('loyalty.points')}</th><th>{t('loyalty.unlocks')}</th><th>{t('loyalty.expires')}</th></tr></thead>
              <tbody>
                {balance.lots.map((l) => (
                  <tr key={l.id}>
                    <td>{l.pending ? <span className="badge">{t('loyalty.pendingLot')}</span> : <span className="badge badge--ok">{t('loyalty.spendableLot')}</span>}</td>
                    <td>{fmt.number(l.remaining)}</td>
                    <td className="nowrap">{l.unlockAt ? fmt.dateTime(l.unlockAt) : '—'}</td>
                    <td className="nowrap">{l.expiresAt ? fmt.dateTime(l.expiresAt) : t('loyalty.never')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title={t('loyalty.history')}>
        {history.length === 0 ? <p className="muted">{t('loyalty.noHistory')}</p> : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead><tr><th>{t('loyalty.when')}</th><th>{t('loyalty.what')}</th><th>{t('loyalty.spendable')}</th><th>{t('loyalty.pending')}</th></tr></thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className="nowrap">{fmt.dateTime(h.at)}</td>
                    <td>{t(`loyalty.kinds.${h.kind}`, { defaultValue: h.kind })}</td>
                    <td className="nowrap"><span dir="ltr">{h.spendableChange ? signed(h.spendableChange) : '—'}</span></td>
                    <td className="nowrap"><span dir="ltr">{h.pendingChange ? signed(h.pendingChange) : '—'}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}
