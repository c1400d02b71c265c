// Outlets and merchants (owner): the places where customers buy, and the brands they belong to.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Outlet } from '../../api/client';
import { Alert } from '../../components/Alert';
import { errorMessage } from '../../components/errors';
import { LoadState } from '../../components/LoadState';
import { useLoad } from '../../components/useLoad';
import { MerchantsSection } from './MerchantsSection';
import { OutletForm } from './OutletForm';

export function OutletsPage() {
  const { t } = useTranslation();
  const loader = useCallback(async () => {
    const [merchants, outlets] = await Promise.all([unwrap(api.GET('/api/merchants')), unwrap(api.GET('/api/outlets'))]);
    return { merchants: merchants.items, outlets: outlets.items };
  }, []);
  const { data, error, loading, reload } = useLoad(loader);
  const [editing, setEditing] = useState<Outlet | 'new' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  const merchantName = new Map(data.merchants.map((m) => [m.id, m.name]));

  const setActive = async (outlet: Outlet, active: boolean) => {
    setActionError(null);
    try {
      await unwrap(api.PATCH('/api/outlets/{id}', { params: { path: { id: outlet.id } }, body: { active } }));
      reload();
    } catch (e) {
      setActionError(errorMessage(t, e));
    }
  };
  const done = (saved: Outlet | null) => {
    setEditing(null);
    if (saved) reload();
  };

  return (
    <>
      <section className="card">
        <div className="card__header">
          <div>
            <h2>{t('outlets.title')}</h2>
            <p className="muted">{t('outlets.intro')}</p>
          </div>
          {editing === null && <button type="button" className="button button--primary" onClick={() => setEditing('new')}>{t('outlets.add')}</button>}
        </div>
        {editing !== null && <OutletForm key={editing === 'new' ? 'new' : editing.id} outlet={editing === 'new' ? null : editing} merchants={data.merchants} onDone={done} />}
        {actionError && <Alert kind="error">{actionError}</Alert>}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('outlets.name')}</th><th>{t('outlets.kind')}</th><th>{t('outlets.merchant')}</th>
                <th>{t('outlets.address')}</th><th>{t('common.status')}</th><th><span className="sr-only">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.outlets.map((o) => (
                <tr key={o.id} className={o.active ? undefined : 'row--inactive'}>
                  <td><bdi>{o.name}</bdi>{o.timeZone && <div className="muted small"><bdi dir="ltr">{o.timeZone}</bdi></div>}</td>
                  <td>{t(`outlets.kinds.${o.kind}`)}</td>
                  <td><bdi>{merchantName.get(o.merchantId) ?? '—'}</bdi></td>
                  <td>{o.address ? <bdi>{o.address}</bdi> : '—'}</td>
                  <td><span className={o.active ? 'badge badge--ok' : 'badge'}>{o.active ? t('common.active') : t('common.inactive')}</span></td>
                  <td className="cell--actions">
                    <button type="button" className="button button--small" onClick={() => setEditing(o)}>{t('common.edit')}</button>
                    <button type="button" className="button button--small" onClick={() => void setActive(o, !o.active)}>
                      {o.active ? t('outlets.deactivate') : t('outlets.activate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <MerchantsSection merchants={data.merchants} onChanged={reload} />
    </>
  );
}
