// Creating an API key for one outlet, and the one moment its secret can be seen.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type ApiKey, type Outlet } from '../../api/client';
import { isolate } from '../../bidi';
import { Alert } from '../../components/Alert';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';

const FIELDS = ['name', 'outletId'] as const;

export function NewApiKeyForm({ outlets, onCreated, onCancel }: { outlets: Outlet[]; onCreated(key: ApiKey, secret: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const active = outlets.filter((o) => o.active);
  const [name, setName] = useState('');
  const [outletId, setOutletId] = useState(active.find((o) => o.kind === 'pos')?.id ?? active[0]?.id ?? '');
  const submit = useSubmit(FIELDS);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const created = await unwrap(api.POST('/api/api-keys', { body: { name, outletId } }));
      onCreated(created.apiKey, created.secret);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('apiKeys.addTitle')}</h3>
      <div className="form__grid">
        <Field label={t('apiKeys.name')} error={submit.fieldError('name')} hint={t('apiKeys.nameHint')}>
          <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field label={t('apiKeys.outlet')} error={submit.fieldError('outletId')}>
          <select value={outletId} onChange={(e) => setOutletId(e.target.value)}>
            {active.map((o) => <option key={o.id} value={o.id}>{isolate(o.name)} — {t(`outlets.kinds.${o.kind}`)}</option>)}
          </select>
        </Field>
      </div>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{t('apiKeys.create')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

export function SecretOnce({ apiKey, secret, onDismiss }: { apiKey: ApiKey; secret: string; onDismiss(): void }) {
  const { t } = useTranslation();
  return (
    <div className="card secret" data-testid="api-key-secret">
      <h3>{t('apiKeys.createdTitle', { name: apiKey.name })}</h3>
      <Alert kind="warning">{t('apiKeys.secretWarning')}</Alert>
      <div className="secret__row">
        <code className="secret__value" dir="ltr">{secret}</code>
        <CopyButton text={secret} />
      </div>
      <p className="muted small">{t('apiKeys.usage')}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onDismiss}>{t('apiKeys.stored')}</button>
      </div>
    </div>
  );
}
