// Adds an outlet or changes one: merchant, name, kind, address and its own time zone if it differs.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, OUTLET_KINDS, unwrap, type Merchant, type Outlet, type OutletKind } from '../../api/client';
import { isolate } from '../../bidi';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useFormat } from '../../components/useFormat';
import { useSubmit } from '../../components/useSubmit';
import { TimeZoneOptions } from './options';

const FIELDS = ['merchantId', 'name', 'kind', 'address', 'timeZone'] as const;

interface OutletFormProps {
  outlet: Outlet | null;
  merchants: Merchant[];
  onDone(saved: Outlet | null): void;
}

export function OutletForm({ outlet, merchants, onDone }: OutletFormProps) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const [merchantId, setMerchantId] = useState(outlet?.merchantId ?? merchants[0]?.id ?? '');
  const [name, setName] = useState(outlet?.name ?? '');
  const [kind, setKind] = useState<OutletKind>(outlet?.kind ?? 'shop');
  const [address, setAddress] = useState(outlet?.address ?? '');
  const [timeZone, setTimeZone] = useState(outlet?.timeZone ?? '');
  const submit = useSubmit(FIELDS);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const body = { merchantId, name, kind, address: address.trim() || null, timeZone: timeZone || null };
      const saved = outlet
        ? await unwrap(api.PATCH('/api/outlets/{id}', { params: { path: { id: outlet.id } }, body }))
        : await unwrap(api.POST('/api/outlets', { body }));
      onDone(saved);
    });
  };

  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{outlet ? t('outlets.editTitle', { name: outlet.name }) : t('outlets.addTitle')}</h3>
      <div className="form__grid">
        <Field label={t('outlets.name')} error={submit.fieldError('name')}>
          <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field label={t('outlets.kind')} error={submit.fieldError('kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as OutletKind)}>
            {OUTLET_KINDS.map((k) => <option key={k} value={k}>{t(`outlets.kinds.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('outlets.merchant')} error={submit.fieldError('merchantId')}>
          <select value={merchantId} onChange={(e) => setMerchantId(e.target.value)}>
            {merchants.map((m) => <option key={m.id} value={m.id}>{isolate(m.name)}</option>)}
          </select>
        </Field>
        <Field label={t('outlets.timeZone')} error={submit.fieldError('timeZone')}>
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            <option value="">{t('outlets.organizationTimeZone')}</option>
            <TimeZoneOptions locale={locale} current={timeZone || null} />
          </select>
        </Field>
      </div>
      <Field label={t('outlets.address')} error={submit.fieldError('address')}>
        <input dir="auto" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={500} />
      </Field>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{outlet ? t('common.save') : t('outlets.add')}</button>
        <button type="button" className="button" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
