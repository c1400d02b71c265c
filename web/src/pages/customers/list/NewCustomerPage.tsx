// A new customer: a person or a company, names in their own script and in Latin letters, contacts,
// tags, manager and where they came from.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { isolate } from '../../../bidi';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { Forbidden } from '../../../components/Forbidden';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { cleanList, ListInput, TagInput } from '../common/ListInput';
import { NAME_FIELDS, NameFields, namesBody, namesOf, type Names } from '../common/NameFields';
import { useStaff } from '../common/staff';
import { GENDERS, type CustomerKind, type Gender } from '../common/types';
import { useForm } from '../common/useForm';
import { ExistingMatches } from './ExistingMatches';

const FIELDS = [...NAME_FIELDS, 'kind', 'gender', 'birthDate', 'phones', 'emails', 'tags', 'managerId', 'source', 'notes'] as const;

export function NewCustomerPage() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const staff = useStaff();
  const navigate = useNavigate();
  const [kind, setKind] = useState<CustomerKind>('person');
  const [names, setNames] = useState<Names>(namesOf(null));
  const [gender, setGender] = useState<Gender | ''>('');
  const [birthDate, setBirthDate] = useState('');
  const [phones, setPhones] = useState<string[]>([]);
  const [emails, setEmails] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [managerId, setManagerId] = useState(me.staff.role === 'manager' ? me.staff.id : '');
  const [source, setSource] = useState('');
  const [notes, setNotes] = useState('');
  const form = useForm(FIELDS);

  if (!canWrite(me.staff.role)) return <div className="page"><Forbidden /></div>;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(async () => {
      const created = await unwrap(api.POST('/api/customers', {
        body: {
          kind, ...namesBody(names, kind),
          ...(kind === 'person' && { gender: gender || null, birthDate: birthDate || null }),
          phones: cleanList(phones), emails: cleanList(emails), tags, managerId: managerId || null,
          source: source.trim() || null, notes: notes.trim() || null,
        },
      }));
      navigate(`/customers/${created.id}`);
    });
  };
  const nameQuery = kind === 'company' ? names.companyName : [names.familyName, names.givenNames].join(' ').trim();

  return (
    <div className="page">
      <header className="page__header">
        <p className="eyebrow"><Link to="/customers">{t('title')}</Link></p>
        <h1>{t('form.newTitle')}</h1>
      </header>
      <form className="card form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset className="cust-seg" aria-label={t('fields.kind')}>
          {(['person', 'company'] as const).map((k) => (
            <label key={k} className={kind === k ? 'cust-seg__option cust-seg__option--on' : 'cust-seg__option'}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <NameFields kind={kind} names={names} onChange={setNames} form={form} autoFocus />
        {kind === 'person' && (
          <div className="form__grid">
            <Field label={t('fields.gender')} error={form.fieldError('gender')}>
              <select value={gender} onChange={(e) => setGender(e.target.value as Gender | '')}>
                <option value="">{t('form.notSet')}</option>
                {GENDERS.map((g) => <option key={g} value={g}>{t(`genders.${g}`)}</option>)}
              </select>
            </Field>
            <Field label={t('fields.birthDate')} error={form.fieldError('birthDate')}>
              <input type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} max="2100-12-31" />
            </Field>
          </div>
        )}
        <div className="form__grid">
          <Field label={t('fields.phones')} error={form.fieldError('phones')} hint={t('form.phoneHint')}>
            <ListInput values={phones} onChange={setPhones} type="tel" dir="ltr" max={10} addLabel={t('form.addPhone')} />
          </Field>
          <Field label={t('fields.emails')} error={form.fieldError('emails')}>
            <ListInput values={emails} onChange={setEmails} type="email" dir="ltr" max={10} addLabel={t('form.addEmail')} />
          </Field>
        </div>
        <ExistingMatches queries={[nameQuery, ...phones, ...emails]} />
        <div className="form__grid">
          <Field label={t('fields.tags')} error={form.fieldError('tags')} hint={t('form.tagsHint')}>
            <TagInput values={tags} onChange={setTags} />
          </Field>
          <Field label={t('fields.manager')} error={form.fieldError('managerId')}>
            <select value={managerId} onChange={(e) => setManagerId(e.target.value)}>
              <option value="">{t('form.noManager')}</option>
              {staff.active.map((s) => <option key={s.id} value={s.id}>{isolate(s.name)}</option>)}
            </select>
          </Field>
          <Field label={t('fields.source')} error={form.fieldError('source')} hint={t('form.sourceHint')}>
            <input dir="auto" value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} />
          </Field>
        </div>
        <Field label={t('fields.notes')} error={form.fieldError('notes')}>
          <textarea dir="auto" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={20000} />
        </Field>
        <FormActions form={form} submitLabel={t('form.create')} cancel={{ to: '/customers' }} />
      </form>
    </div>
  );
}
