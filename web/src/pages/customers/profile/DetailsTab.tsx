// Who the customer is: names, gender, birthday, language and channel, manager, source, external id, notes.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { isolate } from '../../../bidi';
import { Alert } from '../../../components/Alert';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { useFormat } from '../../../components/useFormat';
import { languageName } from '../../../format';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { formatDay } from '../common/format';
import { LanguageChoices } from '../common/languages';
import { NAME_FIELDS, NameFields, namesBody, namesOf } from '../common/NameFields';
import { useStaff } from '../common/staff';
import { CHANNELS, GENDERS, type Channel, type CustomerKind, type Gender } from '../common/types';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { MergesSection } from './MergesSection';
import { EditButton, Row, Section } from './Section';

export function DetailsTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const staff = useStaff();
  const { customer: c, readOnly } = useProfile();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editable = canWrite(me.staff.role) && !readOnly;

  return (
    <>
      <Section title={t('profile.tabs.details')} action={editable && !editing && <EditButton onClick={() => { setSaved(false); setEditing(true); }} />} testId="details">
        {saved && <Alert kind="success">{t('actions.saved')}</Alert>}
        {editing ? <DetailsForm onDone={(ok) => { setEditing(false); setSaved(ok); }} /> : (
          <dl className="cust-dl cust-dl--two">
            {c.kind === 'company' ? <Row label={t('fields.companyName')}>{c.companyName && <bdi>{c.companyName}</bdi>}</Row> : (
              <>
                <Row label={t('fields.familyName')}>{c.familyName && <bdi>{c.familyName}</bdi>}</Row>
                <Row label={t('fields.givenNames')}>{c.givenNames && <bdi>{c.givenNames}</bdi>}</Row>
                <Row label={t('fields.patronymic')}>{c.patronymic && <bdi>{c.patronymic}</bdi>}</Row>
                <Row label={t('fields.nameLatin')}>{[c.familyNameLatin, c.givenNamesLatin].filter(Boolean).join(' ') && <span dir="ltr">{[c.familyNameLatin, c.givenNamesLatin].filter(Boolean).join(' ')}</span>}</Row>
                <Row label={t('fields.gender')}>{c.gender && t(`genders.${c.gender}`)}</Row>
                <Row label={t('fields.birthDate')}>{c.birthDate && formatDay(c.birthDate, fmt.locale, 'long')}</Row>
              </>
            )}
            <Row label={t('fields.preferredLanguage')}>{c.preferredLanguage && languageName(c.preferredLanguage, fmt.locale)}</Row>
            <Row label={t('fields.preferredChannel')}>{c.preferredChannel && t(`channels.${c.preferredChannel}`)}</Row>
            <Row label={t('fields.manager')}>{c.managerId && <bdi>{staff.name(c.managerId) ?? t('staff.unknown')}</bdi>}</Row>
            <Row label={t('fields.source')}>{c.source && <bdi>{c.source}</bdi>}</Row>
            <Row label={t('fields.externalId')}>{c.externalId && <code dir="ltr">{c.externalId}</code>}</Row>
            <Row label={t('fields.notes')}>{c.notes && <span className="cust-pre" dir="auto">{c.notes}</span>}</Row>
            <Row label={t('fields.added')}>{fmt.dateTime(c.createdAt)}</Row>
            <Row label={t('fields.updated')}>{fmt.dateTime(c.updatedAt)}</Row>
          </dl>
        )}
      </Section>
      <MergesSection />
    </>
  );
}

const FIELDS = [...NAME_FIELDS, 'kind', 'gender', 'birthDate', 'preferredLanguage', 'preferredChannel', 'managerId', 'source', 'externalId', 'notes'] as const;

function DetailsForm({ onDone }: { onDone(saved: boolean): void }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const staff = useStaff();
  const { customer: c, setCustomer } = useProfile();
  const [kind, setKind] = useState<CustomerKind>(c.kind);
  const [names, setNames] = useState(namesOf(c));
  const [gender, setGender] = useState<Gender | ''>(c.gender ?? '');
  const [birthDate, setBirthDate] = useState(c.birthDate ?? '');
  const [language, setLanguage] = useState(c.preferredLanguage ?? '');
  const [channel, setChannel] = useState<Channel | ''>(c.preferredChannel ?? '');
  const [managerId, setManagerId] = useState(c.managerId ?? '');
  const [source, setSource] = useState(c.source ?? '');
  const [externalId, setExternalId] = useState(c.externalId ?? '');
  const [notes, setNotes] = useState(c.notes ?? '');
  const form = useForm(FIELDS);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(async () => {
      const saved = await unwrap(api.PATCH('/api/customers/{id}', {
        params: { path: { id: c.id } },
        body: {
          kind, ...namesBody(names, kind),
          ...(kind === 'person' && { gender: gender || null, birthDate: birthDate || null }),
          preferredLanguage: language || null, preferredChannel: channel || null, managerId: managerId || null,
          source: source.trim() || null, externalId: externalId.trim() || null, notes: notes.trim() || null,
        },
      }));
      setCustomer(saved);
      onDone(true);
    });
  };
  const managers = staff.active.some((s) => s.id === managerId) || !managerId ? staff.active : [...staff.active, ...staff.all.filter((s) => s.id === managerId)];

  return (
    <form className="form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <Field label={t('fields.kind')} error={form.fieldError('kind')}>
        <select value={kind} onChange={(e) => setKind(e.target.value as CustomerKind)}>
          <option value="person">{t('kinds.person')}</option>
          <option value="company">{t('kinds.company')}</option>
        </select>
      </Field>
      <NameFields kind={kind} names={names} onChange={setNames} form={form} autoFocus />
      <div className="form__grid">
        {kind === 'person' && (
          <>
            <Field label={t('fields.gender')} error={form.fieldError('gender')}>
              <select value={gender} onChange={(e) => setGender(e.target.value as Gender | '')}>
                <option value="">{t('form.notSet')}</option>
                {GENDERS.map((g) => <option key={g} value={g}>{t(`genders.${g}`)}</option>)}
              </select>
            </Field>
            <Field label={t('fields.birthDate')} error={form.fieldError('birthDate')}>
              <input type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
            </Field>
          </>
        )}
        <Field label={t('fields.preferredLanguage')} error={form.fieldError('preferredLanguage')}>
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('form.notSet')}</option>
            <LanguageChoices locale={fmt.locale} current={c.preferredLanguage} />
          </select>
        </Field>
        <Field label={t('fields.preferredChannel')} error={form.fieldError('preferredChannel')}>
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
            <option value="">{t('form.notSet')}</option>
            {CHANNELS.map((ch) => <option key={ch} value={ch}>{t(`channels.${ch}`)}</option>)}
          </select>
        </Field>
        <Field label={t('fields.manager')} error={form.fieldError('managerId')}>
          <select value={managerId} onChange={(e) => setManagerId(e.target.value)}>
            <option value="">{t('form.noManager')}</option>
            {managers.map((s) => <option key={s.id} value={s.id}>{isolate(s.name)}</option>)}
            {managerId && !managers.some((s) => s.id === managerId) && <option value={managerId}>{t('staff.unknown')}</option>}
          </select>
        </Field>
        <Field label={t('fields.source')} error={form.fieldError('source')} hint={t('form.sourceHint')}>
          <input dir="auto" value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} />
        </Field>
        <Field label={t('fields.externalId')} error={form.fieldError('externalId')} hint={t('form.externalIdHint')}>
          <input dir="ltr" value={externalId} onChange={(e) => setExternalId(e.target.value)} maxLength={200} />
        </Field>
      </div>
      <Field label={t('fields.notes')} error={form.fieldError('notes')}>
        <textarea dir="auto" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={20000} />
      </Field>
      <FormActions form={form} submitLabel={t('actions.save')} cancel={() => onDone(false)} />
    </form>
  );
}
