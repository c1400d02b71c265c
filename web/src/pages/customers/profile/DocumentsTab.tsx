// Identity documents. Stored encrypted; roles without the documents permission see only the type and
// the last characters of the number.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSeeDocuments } from '../common/can';
import { useErrorText } from '../common/errors';
import { formatDay, isExpired } from '../common/format';
import type { CustomerDocument } from '../common/types';
import { useProfile } from './context';
import { DocumentForm } from './DocumentForm';
import { Section } from './Section';

export function DocumentsTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const errorText = useErrorText();
  const { customer, readOnly } = useProfile();
  const id = customer.id;
  const loader = useCallback(async () => (await unwrap(api.GET('/api/customers/{id}/documents', { params: { path: { id } } }))).items, [id]);
  const { data, error, loading, reload } = useLoad(loader);
  const [editing, setEditing] = useState<CustomerDocument | 'new' | null>(null);
  const [removing, setRemoving] = useState<CustomerDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const allowed = canSeeDocuments(me.staff.role);
  const editable = allowed && !readOnly;

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setActionError(null);
    try {
      await unwrap(api.DELETE('/api/customer-documents/{id}', { params: { path: { id: removing.id } } }));
      setRemoving(null);
      reload();
    } catch (e) {
      setActionError(errorText(e));
      setRemoving(null);
    } finally {
      setBusy(false);
    }
  };
  const day = (d: string | null) => (d ? formatDay(d, fmt.locale) : '—');

  return (
    <Section title={t('profile.tabs.documents')} intro={allowed ? t('documents.intro') : t('documents.maskedIntro')} testId="documents"
      action={editable && editing === null && <button type="button" className="button" onClick={() => setEditing('new')}>{t('documents.add')}</button>}>
      {editing !== null && (
        <DocumentForm key={editing === 'new' ? 'new' : editing.id} document={editing === 'new' ? null : editing} onDone={(saved) => { setEditing(null); if (saved) reload(); }} />
      )}
      {actionError && <Alert kind="error">{actionError}</Alert>}
      {data.length === 0 ? <p className="muted">{t('documents.none')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('documents.type')}</th><th>{t('documents.number')}</th><th>{t('documents.citizenship')}</th>
                <th>{t('documents.issued')}</th><th>{t('documents.expires')}</th>
                {editable && <th><span className="sr-only">{t('actions.label')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => {
                const expired = isExpired(d.expiresOn, me.organization.timeZone);
                return (
                  <tr key={d.id}>
                    <td>{t(`documents.types.${d.type}`)}</td>
                    <td className="nowrap">
                      {d.masked ? <span dir="ltr">{d.numberMasked}</span> : <span dir="ltr" className="cust-mono">{[d.series, d.number].filter(Boolean).join(' ')}</span>}
                      {d.masked && <span className="badge">{t('documents.masked')}</span>}
                    </td>
                    <td>{d.citizenship ?? '—'}</td>
                    <td>{d.masked ? '—' : <>{day(d.issuedOn)}{d.issuedBy && <div className="muted small"><bdi>{d.issuedBy}</bdi></div>}</>}</td>
                    <td className="nowrap">{day(d.expiresOn)}{expired && <span className="badge badge--danger">{t('documents.expired')}</span>}</td>
                    {editable && (
                      <td className="cell--actions">
                        <button type="button" className="button button--small" onClick={() => setEditing(d)}>{t('actions.edit')}</button>
                        <button type="button" className="button button--small button--danger-outline" onClick={() => setRemoving(d)}>{t('actions.remove')}</button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog open={removing !== null} title={t('documents.removeTitle')} confirmLabel={t('actions.remove')} busy={busy} onConfirm={() => void remove()} onCancel={() => setRemoving(null)}>
        {removing && t('documents.removeText', { type: t(`documents.types.${removing.type}`), number: removing.numberMasked })}
      </ConfirmDialog>
    </Section>
  );
}
