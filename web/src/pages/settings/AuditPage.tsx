// The audit log (owner): who changed what and when, newest first, on the organization's clock.
// Staff switch their interface language often (one entry per switch), so a run of such switches by the
// same person shows as one row with the language they ended on, and a checkbox hides them altogether.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type AuditEntry } from '../../api/client';
import { Alert } from '../../components/Alert';
import { errorMessage } from '../../components/errors';
import { LoadState } from '../../components/LoadState';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { AuditDetails } from './AuditDetails';
import { auditRows, isLanguageChange } from './audit';

const PAGE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const loader = useCallback(async () => {
    const [entries, staff, keys, outlets, merchants] = await Promise.all([
      unwrap(api.GET('/api/audit', { params: { query: { limit: PAGE } } })),
      unwrap(api.GET('/api/staff')),
      unwrap(api.GET('/api/api-keys')),
      unwrap(api.GET('/api/outlets')),
      unwrap(api.GET('/api/merchants')),
    ]);
    const names = new Map<string, string>();
    for (const s of staff.items) names.set(s.id, s.name);
    for (const k of keys.items) names.set(k.id, k.name);
    for (const o of outlets.items) names.set(o.id, o.name);
    for (const m of merchants.items) names.set(m.id, m.name);
    return { entries: entries.items, names, more: entries.items.length === PAGE };
  }, []);
  const { data, error, loading, reload, set } = useLoad(loader);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [hideLanguage, setHideLanguage] = useState(false);

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;

  const loadMore = async () => {
    const last = data.entries[data.entries.length - 1];
    if (!last) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await unwrap(api.GET('/api/audit', { params: { query: { limit: PAGE, before: last.at } } }));
      set({ ...data, entries: [...data.entries, ...next.items], more: next.items.length === PAGE });
    } catch (e) {
      setMoreError(errorMessage(t, e));
    } finally {
      setLoadingMore(false);
    }
  };
  const who = (e: AuditEntry) => {
    if (e.staffId) return data.names.get(e.staffId) ?? t('audit.unknownStaff');
    if (e.apiKeyId) return `${t('audit.apiKey')}: ${data.names.get(e.apiKeyId) ?? e.apiKeyId.slice(0, 8)}`;
    return t('audit.system');
  };
  const rows = auditRows(data.entries, hideLanguage);
  const hasLanguage = data.entries.some(isLanguageChange);

  return (
    <section className="card">
      <h2>{t('audit.title')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      {(hasLanguage || hideLanguage) && (
        <label className="checkbox">
          <input type="checkbox" checked={hideLanguage} onChange={(e) => setHideLanguage(e.target.checked)} data-testid="audit-hide-language" />
          {t('audit.hideLanguage')}
        </label>
      )}
      {data.entries.length === 0 ? <p className="muted">{t('audit.none')}</p> : rows.length === 0 ? <p className="muted">{t('audit.onlyLanguage')}</p> : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr><th>{t('audit.when')}</th><th>{t('audit.who')}</th><th>{t('audit.action')}</th><th>{t('audit.object')}</th><th>{t('audit.details')}</th></tr>
            </thead>
            <tbody>
              {rows.map(({ entry: e, languageRun }) => (
                <tr key={e.id}>
                  <td className="nowrap">
                    {fmt.dateTime(e.at)}
                    {languageRun && languageRun.count > 1 && (
                      <div className="muted">{t('audit.languageRun', { count: languageRun.count, n: fmt.number(languageRun.count), from: fmt.dateTime(languageRun.oldest.at) })}</div>
                    )}
                  </td>
                  <td><bdi>{who(e)}</bdi></td>
                  <td>{languageRun ? t('audit.languageChanged') : t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                  <td>
                    {t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}
                    {e.entityId && data.names.has(e.entityId) && <>: <bdi>{data.names.get(e.entityId)}</bdi></>}
                  </td>
                  <td><AuditDetails details={languageRun ? { locale: e.details.locale } : e.details} names={data.names} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moreError && <Alert kind="error">{moreError}</Alert>}
      {data.more && (
        <div className="actions">
          <button type="button" className="button" disabled={loadingMore} onClick={() => void loadMore()}>{t('audit.loadMore')}</button>
        </div>
      )}
    </section>
  );
}
