// What a good salesperson remembers: preferences in the customer's words, hobbies, and the tags staff use.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { TagInput } from '../common/ListInput';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { EditButton, Row, Section } from './Section';

const FIELDS = ['preferences', 'hobbies', 'tags'] as const;

export function PreferencesTab() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const { customer: c, setCustomer, readOnly } = useProfile();
  const [editing, setEditing] = useState(false);
  const [preferences, setPreferences] = useState(c.preferences ?? '');
  const [hobbies, setHobbies] = useState(c.hobbies);
  const [tags, setTags] = useState(c.tags);
  const form = useForm(FIELDS);
  const editable = canWrite(me.staff.role) && !readOnly;

  const start = () => {
    setPreferences(c.preferences ?? '');
    setHobbies(c.hobbies);
    setTags(c.tags);
    form.reset();
    setEditing(true);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async () => {
      setCustomer(await unwrap(api.PATCH('/api/customers/{id}', {
        params: { path: { id: c.id } }, body: { preferences: preferences.trim() || null, hobbies, tags },
      })));
    });
    if (ok) setEditing(false);
  };
  const chips = (values: string[]) => values.length === 0 ? null : values.map((v) => <span key={v} className="cust-chip"><bdi>{v}</bdi></span>);

  return (
    <Section title={t('profile.tabs.preferences')} intro={t('preferences.intro')} action={editable && !editing && <EditButton onClick={start} />}>
      {editing ? (
        <form className="form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <Field label={t('fields.preferences')} error={form.fieldError('preferences')} hint={t('preferences.hint')}>
            <textarea dir="auto" rows={5} value={preferences} onChange={(e) => setPreferences(e.target.value)} maxLength={5000} autoFocus />
          </Field>
          <Field label={t('fields.hobbies')} error={form.fieldError('hobbies')} hint={t('form.tagsHint')}>
            <TagInput values={hobbies} onChange={setHobbies} />
          </Field>
          <Field label={t('fields.tags')} error={form.fieldError('tags')} hint={t('form.tagsHint')}>
            <TagInput values={tags} onChange={setTags} />
          </Field>
          <FormActions form={form} submitLabel={t('actions.save')} cancel={() => setEditing(false)} />
        </form>
      ) : (
        <dl className="cust-dl">
          <Row label={t('fields.preferences')}>{c.preferences && <span className="cust-pre" dir="auto">{c.preferences}</span>}</Row>
          <Row label={t('fields.hobbies')}>{chips(c.hobbies)}</Row>
          <Row label={t('fields.tags')}>{chips(c.tags)}</Row>
        </dl>
      )}
    </Section>
  );
}
