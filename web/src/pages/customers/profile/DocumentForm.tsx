// Adds or changes an identity document.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { DOCUMENT_TYPES, type CustomerDocument, type DocumentType } from '../common/types';
import { useForm } from '../common/useForm';
import { useProfile } from './context';

const FIELDS = ['type', 'series', 'number', 'expiresOn', 'citizenship', 'issuedOn', 'issuedBy'] as const;

export function DocumentForm({ document: d, onDone }: { document: CustomerDocument | null; onDone(saved: boolean): void }) {
  const { t } = useTranslation('customers');
  const { customer } = useProfile();
  const [type, setType] = useState<DocumentType>(d?.type ?? 'passport');
  const [series, setSeries] = useState(d?.series ?? '');
  const [number, setNumber] = useState(d?.number ?? '');
  const [citizenship, setCitizenship] = useState(d?.citizenship ?? '');
  const [issuedOn, setIssuedOn] = useState(d?.issuedOn ?? '');
  const [issuedBy, setIssuedBy] = useState(d?.issuedBy ?? '');
  const [expiresOn, setExpiresOn] = useState(d?.expiresOn ?? '');
  const form = useForm(FIELDS);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      type, number: number.trim(), series: series.trim() || null, citizenship: citizenship.trim().toUpperCase() || null,
      issuedOn: issuedOn || null, issuedBy: issuedBy.trim() || null, expiresOn: expiresOn || null,
    };
    const ok = await form.run(async () => {
      if (d) await unwrap(api.PATCH('/api/customer-documents/{id}', { params: { path: { id: d.id } }, body }));
      else await unwrap(api.POST('/api/customers/{id}/documents', { params: { path: { id: customer.id } }, body }));
    });
    if (ok) onDone(true);
  };

  return (
    <form className="card form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{d ? t('documents.editTitle') : t('documents.addTitle')}</h3>
      <div className="form__grid">
        <Field label={t('documents.type')} error={form.fieldError('type')}>
          <select value={type} onChange={(e) => setType(e.target.value as DocumentType)}>
            {DOCUMENT_TYPES.map((k) => <option key={k} value={k}>{t(`documents.types.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('documents.series')} error={form.fieldError('series')}>
          <input dir="ltr" value={series} onChange={(e) => setSeries(e.target.value)} maxLength={20} />
        </Field>
        <Field label={t('documents.number')} error={form.fieldError('number')}>
          <input dir="ltr" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={40} autoFocus />
        </Field>
        <Field label={t('documents.citizenship')} error={form.fieldError('citizenship')} hint={t('documents.citizenshipHint')}>
          <input dir="ltr" value={citizenship} onChange={(e) => setCitizenship(e.target.value)} maxLength={3} />
        </Field>
        <Field label={t('documents.issuedOn')} error={form.fieldError('issuedOn')}>
          <input type="date" value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} />
        </Field>
        <Field label={t('documents.expiresOn')} error={form.fieldError('expiresOn')}>
          <input type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
        </Field>
      </div>
      <Field label={t('documents.issuedBy')} error={form.fieldError('issuedBy')}>
        <input dir="auto" value={issuedBy} onChange={(e) => setIssuedBy(e.target.value)} maxLength={500} />
      </Field>
      <FormActions form={form} submitLabel={d ? t('actions.save') : t('actions.add')} cancel={() => onDone(false)} />
    </form>
  );
}
