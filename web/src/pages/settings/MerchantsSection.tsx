// Merchants (brands) of the organization: add one, rename one in place.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Merchant } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';

const FIELDS = ['name'] as const;

function MerchantForm({ merchant, onDone }: { merchant: Merchant | null; onDone(saved: Merchant | null): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(merchant?.name ?? '');
  const submit = useSubmit(FIELDS);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const saved = merchant
        ? await unwrap(api.PATCH('/api/merchants/{id}', { params: { path: { id: merchant.id } }, body: { name } }))
        : await unwrap(api.POST('/api/merchants', { body: { name } }));
      onDone(saved);
    });
  };
  return (
    <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <Field label={merchant ? t('merchants.newName') : t('merchants.name')} error={submit.fieldError('name')}>
        <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{merchant ? t('common.save') : t('merchants.add')}</button>
        <button type="button" className="button" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
    </form>
  );
}

export function MerchantsSection({ merchants, onChanged }: { merchants: Merchant[]; onChanged(): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Merchant | 'new' | null>(null);
  const done = (saved: Merchant | null) => {
    setEditing(null);
    if (saved) onChanged();
  };
  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('merchants.title')}</h2>
          <p className="muted">{t('merchants.intro')}</p>
        </div>
        {editing === null && <button type="button" className="button" onClick={() => setEditing('new')}>{t('merchants.add')}</button>}
      </div>
      {editing === 'new' && <MerchantForm merchant={null} onDone={done} />}
      <ul className="list">
        {merchants.map((m) => (
          <li key={m.id} className="list__item">
            {editing !== 'new' && editing?.id === m.id ? (
              <MerchantForm merchant={m} onDone={done} />
            ) : (
              <>
                <bdi>{m.name}</bdi>
                <button type="button" className="button button--small" onClick={() => setEditing(m)}>{t('merchants.rename')}</button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
