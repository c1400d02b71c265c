// A merge as recorded: which profile absorbed which, what was written and moved, and the undo.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSupervise } from '../common/can';
import { useErrorText } from '../common/errors';
import { useStaff } from '../common/staff';

export function MergeResultPage() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const staff = useStaff();
  const errorText = useErrorText();
  const { mergeId = '' } = useParams();
  const known = (useLocation().state as { loserName?: string } | null)?.loserName;
  const loader = useCallback(async () => {
    const merge = await unwrap(api.GET('/api/merges/{id}', { params: { path: { id: mergeId } } }));
    // The kept profile by its id; the other answers with the survivor while merged, with itself once undone.
    const [survivor, loser] = await Promise.all([
      unwrap(api.GET('/api/customers/{id}', { params: { path: { id: merge.survivorId } } })),
      unwrap(api.GET('/api/customers/{id}', { params: { path: { id: merge.loserId } } })),
    ]);
    return { merge, survivor, loser };
  }, [mergeId]);
  const { data, error, loading, reload } = useLoad(loader);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);
  const [keptEdits, setKeptEdits] = useState<string[] | null>(null);

  const header = (
    <header className="page__header">
      <p className="eyebrow"><Link to="/customers">{t('title')}</Link> · <Link to="/customers/duplicates">{t('tabs.duplicates')}</Link></p>
      <h1>{t('merge.resultTitle')}</h1>
    </header>
  );
  if (!data) return <div className="page">{header}<LoadState loading={loading} error={error} onRetry={reload} /></div>;
  const { merge, survivor, loser } = data;
  const undo = async () => {
    setBusy(true);
    setUndoError(null);
    try {
      const r = await unwrap(api.POST('/api/merges/{id}/undo', { params: { path: { id: merge.id } } }));
      setKeptEdits(r.keptEdits);
      reload();
    } catch (e) {
      setUndoError(errorText(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const moved = Object.entries(merge.moved).filter(([, n]) => n > 0);
  const loserName = merge.undoneAt ? loser.displayName : known ?? t('merge.otherProfile');

  return (
    <div className="page">
      {header}
      <section className="card" data-testid="merge-result">
        {merge.undoneAt ? (
          <Alert kind="info">{t('merge.undoneAt', { at: fmt.dateTime(merge.undoneAt), by: staff.name(merge.undoneBy) ?? t('staff.unknown') })}</Alert>
        ) : (
          <Alert kind="success">{t('merge.done', { name: survivor.displayName })}</Alert>
        )}
        {keptEdits && keptEdits.length > 0 && <Alert kind="warning">{t('merge.keptEdits', { fields: keptEdits.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ') })}</Alert>}
        <dl className="cust-dl">
          <div className="cust-dl__row"><dt>{t('merge.kept')}</dt><dd><Link to={`/customers/${survivor.id}`}><bdi>{survivor.displayName}</bdi></Link></dd></div>
          <div className="cust-dl__row"><dt>{t('merge.absorbed')}</dt><dd>{merge.undoneAt ? <Link to={`/customers/${loser.id}`}><bdi>{loserName}</bdi></Link> : loserName}</dd></div>
          <div className="cust-dl__row"><dt>{t('merge.when')}</dt><dd>{fmt.dateTime(merge.at)}{merge.staffId && <> · <bdi>{staff.name(merge.staffId) ?? t('staff.unknown')}</bdi></>}</dd></div>
          <div className="cust-dl__row"><dt>{t('merge.written')}</dt><dd>{merge.fieldsWritten.length ? merge.fieldsWritten.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ') : <span className="muted">—</span>}</dd></div>
          <div className="cust-dl__row"><dt>{t('merge.moved')}</dt><dd>{moved.length ? moved.map(([table, n]) => `${t(`merge.rows.${table}`, { defaultValue: table })}: ${n}`).join(', ') : <span className="muted">—</span>}</dd></div>
          {merge.otherModules.length > 0 && <div className="cust-dl__row"><dt>{t('merge.modules')}</dt><dd>{merge.otherModules.map((m) => t(`merge.moduleNames.${m}`, { defaultValue: m })).join(', ')}</dd></div>}
        </dl>
        {undoError && <Alert kind="error">{undoError}</Alert>}
        {merge.undoable && canSupervise(me.staff.role) && (
          <div className="actions">
            <button type="button" className="button button--danger-outline" onClick={() => setConfirming(true)} data-testid="merge-undo">{t('merge.undo')}</button>
          </div>
        )}
      </section>
      <ConfirmDialog open={confirming} title={t('merge.undoTitle')} confirmLabel={t('merge.undo')} busy={busy} onConfirm={() => void undo()} onCancel={() => setConfirming(false)}>
        {t('merge.undoText')}
      </ConfirmDialog>
    </div>
  );
}
