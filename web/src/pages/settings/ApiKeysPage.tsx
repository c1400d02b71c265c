// API keys for POS systems and web shops (owner): each belongs to one outlet; the secret is shown once;
// revoking asks first because a till using the key stops working at once.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type ApiKey } from '../../api/client';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../components/errors';
import { LoadState } from '../../components/LoadState';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { NewApiKeyForm, SecretOnce } from './NewApiKey';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const loader = useCallback(async () => {
    const [keys, outlets] = await Promise.all([unwrap(api.GET('/api/api-keys')), unwrap(api.GET('/api/outlets'))]);
    return { keys: keys.items, outlets: outlets.items };
  }, []);
  const { data, error, loading, reload } = useLoad(loader);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ apiKey: ApiKey; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  const outletName = new Map(data.outlets.map((o) => [o.id, o.name]));

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setActionError(null);
    try {
      await unwrap(api.DELETE('/api/api-keys/{id}', { params: { path: { id: revoking.id } } }));
      reload();
    } catch (e) {
      setActionError(errorMessage(t, e));
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('apiKeys.title')}</h2>
          <p className="muted">{t('apiKeys.intro')}</p>
        </div>
        {!adding && !created && <button type="button" className="button button--primary" onClick={() => setAdding(true)}>{t('apiKeys.add')}</button>}
      </div>
      {adding && (
        <NewApiKeyForm
          outlets={data.outlets}
          onCancel={() => setAdding(false)}
          onCreated={(apiKey, secret) => { setAdding(false); setCreated({ apiKey, secret }); reload(); }}
        />
      )}
      {created && <SecretOnce apiKey={created.apiKey} secret={created.secret} onDismiss={() => setCreated(null)} />}
      {actionError && <Alert kind="error">{actionError}</Alert>}
      {data.keys.length === 0 ? <p className="muted">{t('apiKeys.none')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('apiKeys.name')}</th><th>{t('apiKeys.outlet')}</th><th>{t('apiKeys.prefix')}</th>
                <th>{t('apiKeys.created')}</th><th>{t('apiKeys.lastUsed')}</th><th>{t('common.status')}</th>
                <th><span className="sr-only">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'row--inactive' : undefined}>
                  <td><bdi>{k.name}</bdi></td>
                  <td><bdi>{outletName.get(k.outletId) ?? '—'}</bdi></td>
                  <td className="nowrap"><code dir="ltr">rk_{k.prefix}_…</code></td>
                  <td className="nowrap">{fmt.dateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : <span className="muted">{t('apiKeys.never')}</span>}</td>
                  <td>
                    {k.revokedAt
                      ? <span className="badge badge--danger">{t('apiKeys.revokedAt', { at: fmt.date(k.revokedAt) })}</span>
                      : <span className="badge badge--ok">{t('common.active')}</span>}
                  </td>
                  <td className="cell--actions">
                    {!k.revokedAt && <button type="button" className="button button--small button--danger-outline" onClick={() => setRevoking(k)}>{t('apiKeys.revoke')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('apiKeys.revokeText', { outlet: revoking ? outletName.get(revoking.outletId) ?? '' : '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
