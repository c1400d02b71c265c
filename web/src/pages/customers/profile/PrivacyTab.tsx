// Privacy requests (owner, manager): everything held about the customer as a JSON file, and erasure on
// request — personal data removed, purchases kept anonymous for the totals. Both are logged with the reason.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field } from '../../../components/Field';
import { Forbidden } from '../../../components/Forbidden';
import { useMe } from '../../../session';
import { canSupervise } from '../common/can';
import { fileSafe } from '../common/format';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { Section } from './Section';

const FIELDS = ['reason'] as const;

function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrivacyTab() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const { customer, setCustomer } = useProfile();
  const [exportReason, setExportReason] = useState('');
  const [eraseReason, setEraseReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const exporting = useForm(FIELDS);
  const erasing = useForm(FIELDS);

  if (!canSupervise(me.staff.role)) return <Forbidden />;

  const onExport = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const ok = await exporting.run(async () => {
      const data = await unwrap(api.POST('/api/customers/{id}/privacy-export', { params: { path: { id: customer.id } }, body: { reason: exportReason.trim() } }));
      download(`${fileSafe(customer.displayName)}-${data.exportedAt.slice(0, 10)}.json`, data);
    });
    if (ok) setNotice(t('privacy.exported'));
  };
  const askErase = (e: FormEvent) => {
    e.preventDefault();
    if (eraseReason.trim().length < 3) {
      erasing.setFieldError('reason', t('privacy.reasonRequired'));
      return;
    }
    setConfirming(true);
  };
  const erase = async () => {
    const ok = await erasing.run(async () => {
      setCustomer(await unwrap(api.POST('/api/customers/{id}/erase', { params: { path: { id: customer.id } }, body: { reason: eraseReason.trim() } })));
    });
    setConfirming(false);
    if (ok) setNotice(t('privacy.erasedNotice'));
  };

  return (
    <>
      {notice && <Alert kind="success">{notice}</Alert>}
      <Section title={t('privacy.exportTitle')} intro={t('privacy.exportIntro')}>
        <form className="form cust-form" onSubmit={(e) => void onExport(e)} noValidate>
          <Field label={t('privacy.reason')} error={exporting.fieldError('reason')} hint={t('privacy.exportReasonHint')}>
            <input dir="auto" value={exportReason} onChange={(e) => setExportReason(e.target.value)} maxLength={1000} />
          </Field>
          {exporting.formError && <Alert kind="error">{exporting.formError}</Alert>}
          <div className="actions"><button type="submit" className="button" disabled={exporting.busy}>{t('privacy.export')}</button></div>
        </form>
      </Section>
      <Section title={t('privacy.eraseTitle')} intro={t('privacy.eraseIntro')}>
        {customer.erased ? <p className="muted">{t('profile.erased')}</p> : (
          <form className="form cust-form" onSubmit={askErase} noValidate>
            <Field label={t('privacy.reason')} error={erasing.fieldError('reason')} hint={t('privacy.eraseReasonHint')}>
              <input dir="auto" value={eraseReason} onChange={(e) => setEraseReason(e.target.value)} maxLength={1000} />
            </Field>
            {erasing.formError && <Alert kind="error">{erasing.formError}</Alert>}
            <div className="actions"><button type="submit" className="button button--danger-outline">{t('privacy.erase')}</button></div>
          </form>
        )}
      </Section>
      <ConfirmDialog open={confirming} title={t('privacy.confirmTitle', { name: customer.displayName })} confirmLabel={t('privacy.eraseConfirm')} busy={erasing.busy}
        onConfirm={() => void erase()} onCancel={() => setConfirming(false)}>
        {t('privacy.confirmText')}
      </ConfirmDialog>
    </>
  );
}
