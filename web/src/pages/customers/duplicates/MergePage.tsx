// The merge wizard: two profiles side by side, field by field; staff choose which value stays, see what
// moves (contacts, consent, interactions, documents, answers, cards and purchases), and merge. The
// profile kept is the one whose address and cards the business already uses; it can be swapped.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { Forbidden } from '../../../components/Forbidden';
import { LoadState } from '../../../components/LoadState';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSupervise } from '../common/can';
import { useErrorText } from '../common/errors';
import { MergeValue } from './MergeValue';
import { mergeHref } from './links';

type Side = 'survivor' | 'loser';

export function MergePage() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const survivorId = params.get('survivor') ?? '';
  const loserId = params.get('loser') ?? '';
  const proposal = params.get('proposal') ?? undefined;
  const loader = useCallback(async () => {
    const [preview, survivor, loser] = await Promise.all([
      unwrap(api.GET('/api/customers/{id}/merge-preview', { params: { path: { id: survivorId }, query: { loserId } } })),
      unwrap(api.GET('/api/customers/{id}', { params: { path: { id: survivorId } } })),
      unwrap(api.GET('/api/customers/{id}', { params: { path: { id: loserId } } })),
    ]);
    return { preview, survivor, loser };
  }, [survivorId, loserId]);
  const { data, error, loading, reload } = useLoad(loader);
  const [picked, setPicked] = useState<Record<string, Side>>({});
  const [busy, setBusy] = useState(false);
  const [mergeError, setMergeError] = useState<string | null>(null);
  const choices = useMemo(() => Object.fromEntries((data?.preview.fields ?? []).map((f) => [f.field, picked[f.field] ?? f.choice])), [data, picked]);

  if (!canSupervise(me.staff.role)) return <div className="page"><Forbidden /></div>;
  const header = (
    <header className="page__header">
      <p className="eyebrow"><Link to="/customers">{t('title')}</Link> · <Link to="/customers/duplicates">{t('tabs.duplicates')}</Link></p>
      <h1>{t('merge.title')}</h1>
    </header>
  );
  if (!data) return <div className="page">{header}<LoadState loading={loading} error={error} onRetry={reload} /></div>;
  const { preview, survivor, loser } = data;
  const differing = preview.fields.filter((f) => JSON.stringify(f.survivor) !== JSON.stringify(f.loser));
  const same = preview.fields.length - differing.length;
  const moving = Object.entries(preview.loserRows).filter(([, n]) => n > 0);

  const merge = async () => {
    setBusy(true);
    setMergeError(null);
    try {
      const done = await unwrap(api.POST('/api/customers/{id}/merge', { params: { path: { id: survivorId } }, body: { loserId, choices } }));
      navigate(`/customers/merges/${done.id}`, { state: { loserName: loser.displayName } });
    } catch (e) {
      setMergeError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <div className="page">
      {header}
      <section className="card">
        <p className="muted">{t('merge.intro')}</p>
        <div className="table-wrap">
          <table className="table cust-merge" data-testid="merge-table">
            <thead>
              <tr>
                <th>{t('merge.field')}</th>
                <th>{t('merge.keep')}: <Link to={`/customers/${survivor.id}`}><bdi>{survivor.displayName}</bdi></Link></th>
                <th>{t('merge.other')}: <Link to={`/customers/${loser.id}`}><bdi>{loser.displayName}</bdi></Link></th>
              </tr>
            </thead>
            <tbody>
              {differing.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{t(`fields.${f.field}`)}</th>
                  {(['survivor', 'loser'] as const).map((side) => (
                    <td key={side} className={choices[f.field] === side ? 'cust-merge__chosen' : undefined}>
                      <label className="cust-merge__choice">
                        <input type="radio" name={`merge-${f.field}`} checked={choices[f.field] === side} onChange={() => setPicked((p) => ({ ...p, [f.field]: side }))} />
                        <MergeValue field={f.field} value={f[side]} />
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
              {preview.united.filter((u) => u.survivor.length || u.loser.length).map((u) => (
                <tr key={u.field}>
                  <th scope="row">{t(`fields.${u.field}`)}</th>
                  <td colSpan={2}>
                    <span className="muted small">{t('merge.united')}: </span>
                    {u.result.map((v) => <span key={v} className="cust-chip cust-chip--small"><bdi>{v}</bdi></span>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {same > 0 && <p className="muted small">{t('merge.same', { count: same })}</p>}
        <div>
          <h3>{t('merge.moves')}</h3>
          {moving.length === 0 ? <p className="muted">{t('merge.movesNothing')}</p> : (
            <ul className="cust-values">
              {moving.map(([table, n]) => <li key={table}>{t(`merge.rows.${table}`, { defaultValue: table })}: {n}</li>)}
            </ul>
          )}
          <p className="muted small">{t('merge.movesOther')}</p>
        </div>
        <Alert kind="info">{t('merge.undoHint')}</Alert>
        {mergeError && <Alert kind="error">{mergeError}</Alert>}
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void merge()} data-testid="merge-submit">{t('merge.submit', { name: loser.displayName, into: survivor.displayName })}</button>
          <Link className="button" to={mergeHref(loserId, survivorId, proposal)} onClick={() => setPicked({})}>{t('merge.swap')}</Link>
          <Link className="button button--ghost" to="/customers/duplicates">{t('actions.cancel')}</Link>
        </div>
      </section>
    </div>
  );
}
