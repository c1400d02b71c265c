// Adding a relation (a named person, or another customer) and an occasion.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { useFormat } from '../../../components/useFormat';
import { CustomerPicker } from '../common/CustomerPicker';
import { OCCASION_KINDS, RELATION_KINDS, type CustomerMatch, type OccasionKind, type RelationKind } from '../common/types';
import { useForm } from '../common/useForm';
import { useProfile } from './context';

const RELATION_FIELDS = ['kind', 'name', 'relatedCustomerId', 'birthDate', 'role', 'note'] as const;

export function RelationForm({ onDone }: { onDone(saved: boolean): void }) {
  const { t } = useTranslation('customers');
  const { customer } = useProfile();
  const company = customer.kind === 'company';
  const kinds = company ? (['contact_person', 'other'] as const) : RELATION_KINDS.filter((k) => k !== 'contact_person');
  const [kind, setKind] = useState<RelationKind>(kinds[0] ?? 'other');
  const [linked, setLinked] = useState<CustomerMatch | null>(null);
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [role, setRole] = useState('');
  const [note, setNote] = useState('');
  const form = useForm(RELATION_FIELDS);
  const needsCustomer = kind === 'contact_person';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async () => {
      await unwrap(api.POST('/api/customers/{id}/relations', {
        params: { path: { id: customer.id } },
        body: {
          kind, relatedCustomerId: linked?.id ?? null, name: linked ? null : name.trim() || null,
          birthDate: linked ? null : birthDate || null, role: role.trim() || null, note: note.trim() || null,
        },
      }));
    });
    if (ok) onDone(true);
  };

  return (
    <form className="card form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{company ? t('family.addContactTitle') : t('family.addTitle')}</h3>
      <div className="form__grid">
        <Field label={t('family.kind')} error={form.fieldError('kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as RelationKind)}>
            {kinds.map((k) => <option key={k} value={k}>{t(`family.kinds.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('family.customer')} error={form.fieldError('relatedCustomerId')} hint={needsCustomer ? t('family.contactHint') : t('family.customerHint')}>
          <CustomerPicker value={linked} onChange={setLinked} exclude={customer.id} {...(needsCustomer && { kind: 'person' as const })} />
        </Field>
      </div>
      {!linked && !needsCustomer && (
        <div className="form__grid">
          <Field label={t('family.name')} error={form.fieldError('name')}>
            <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={300} />
          </Field>
          <Field label={t('fields.birthDate')} error={form.fieldError('birthDate')}>
            <input type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
          </Field>
        </div>
      )}
      <div className="form__grid">
        {needsCustomer && (
          <Field label={t('family.role')} error={form.fieldError('role')} hint={t('family.roleHint')}>
            <input dir="auto" value={role} onChange={(e) => setRole(e.target.value)} maxLength={200} />
          </Field>
        )}
        <Field label={t('family.note')} error={form.fieldError('note')}>
          <input dir="auto" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </Field>
      </div>
      <FormActions form={form} submitLabel={t('actions.add')} cancel={() => onDone(false)} />
    </form>
  );
}

const OCCASION_FIELDS = ['kind', 'label', 'month', 'day', 'year'] as const;

export function OccasionForm({ onDone }: { onDone(saved: boolean): void }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const { customer } = useProfile();
  const [kind, setKind] = useState<OccasionKind>('anniversary');
  const [label, setLabel] = useState('');
  const [month, setMonth] = useState(1);
  const [day, setDay] = useState('');
  const [year, setYear] = useState('');
  const form = useForm(OCCASION_FIELDS);
  const monthName = (m: number) => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async () => {
      await unwrap(api.POST('/api/customers/{id}/occasions', {
        params: { path: { id: customer.id } },
        body: { kind, label: label.trim() || null, month, day: Number(day), year: year ? Number(year) : null },
      }));
    });
    if (ok) onDone(true);
  };

  return (
    <form className="card form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('occasions.addTitle')}</h3>
      <div className="form__grid">
        <Field label={t('occasions.kind')} error={form.fieldError('kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as OccasionKind)}>
            {OCCASION_KINDS.map((k) => <option key={k} value={k}>{t(`occasions.kinds.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('occasions.label')} error={form.fieldError('label')} hint={t('occasions.labelHint')}>
          <input dir="auto" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
        </Field>
      </div>
      <div className="form__grid cust-grid--narrow">
        <Field label={t('occasions.day')} error={form.fieldError('day')}>
          <input inputMode="numeric" dir="ltr" value={day} onChange={(e) => setDay(e.target.value.replace(/\D/g, '').slice(0, 2))} />
        </Field>
        <Field label={t('occasions.month')} error={form.fieldError('month')}>
          <select value={month} onChange={(e) => setMonth(Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option key={m} value={m}>{monthName(m)}</option>)}
          </select>
        </Field>
        <Field label={t('occasions.year')} error={form.fieldError('year')} hint={t('occasions.yearHint')}>
          <input inputMode="numeric" dir="ltr" value={year} onChange={(e) => setYear(e.target.value.replace(/\D/g, '').slice(0, 4))} />
        </Field>
      </div>
      <FormActions form={form} submitLabel={t('actions.add')} cancel={() => onDone(false)} />
    </form>
  );
}
