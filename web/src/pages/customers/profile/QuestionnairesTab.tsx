// Custom fields the owner defined, filled per questionnaire (the form filled when a card is issued, a
// visa form…) or all at once. A questionnaire saves only when its required fields are filled.
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { Field } from '../../../components/Field';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import type { CustomField, FieldValues } from '../common/types';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { draftOf, FieldInput, valueOf, type Draft } from './FieldInput';
import { Section } from './Section';

export function QuestionnairesTab() {
  const { t } = useTranslation('customers');
  const { customer } = useProfile();
  const id = customer.id;
  const loader = useCallback(async () => {
    const [fields, questionnaires, values] = await Promise.all([
      unwrap(api.GET('/api/customer-fields')),
      unwrap(api.GET('/api/questionnaires')),
      unwrap(api.GET('/api/customers/{id}/field-values', { params: { path: { id } } })),
    ]);
    return { fields: fields.items, questionnaires: questionnaires.items.filter((q) => !q.archived), values };
  }, [id]);
  const { data, error, loading, reload, set } = useLoad(loader);
  const [chosen, setChosen] = useState<string>('');

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  if (data.fields.length === 0) {
    return <Section title={t('profile.tabs.questionnaires')}><p className="muted">{t('questionnaires.noFields')}</p></Section>;
  }
  const questionnaireId = chosen || data.questionnaires[0]?.id || 'all';
  const questionnaire = data.questionnaires.find((q) => q.id === questionnaireId) ?? null;

  return (
    <Section title={t('profile.tabs.questionnaires')} intro={t('questionnaires.intro')}>
      <div className="cust-seg" role="tablist" aria-label={t('profile.tabs.questionnaires')}>
        {data.questionnaires.map((q) => (
          <button key={q.id} type="button" role="tab" aria-selected={q.id === questionnaireId} className={q.id === questionnaireId ? 'cust-seg__option cust-seg__option--on' : 'cust-seg__option'} onClick={() => setChosen(q.id)}>
            <bdi>{q.name}</bdi>
          </button>
        ))}
        <button type="button" role="tab" aria-selected={questionnaireId === 'all'} className={questionnaireId === 'all' ? 'cust-seg__option cust-seg__option--on' : 'cust-seg__option'} onClick={() => setChosen('all')}>
          {t('questionnaires.allFields')}
        </button>
      </div>
      {questionnaire?.description && <p className="muted"><bdi>{questionnaire.description}</bdi></p>}
      <ValuesForm
        key={questionnaireId}
        questionnaireId={questionnaire?.id ?? null}
        fields={questionnaire
          ? questionnaire.fields.map((qf) => ({ field: data.fields.find((f) => f.id === qf.fieldId), required: qf.required })).filter((x): x is { field: CustomField; required: boolean } => x.field !== undefined)
          : data.fields.filter((f) => !f.archived).map((field) => ({ field, required: false }))}
        values={data.values}
        onSaved={(values) => set({ ...data, values })}
      />
    </Section>
  );
}

interface ValuesFormProps {
  questionnaireId: string | null;
  fields: { field: CustomField; required: boolean }[];
  values: FieldValues;
  onSaved(values: FieldValues): void;
}

function ValuesForm({ questionnaireId, fields, values, onSaved }: ValuesFormProps) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const { customer, readOnly } = useProfile();
  const editable = canWrite(me.staff.role) && !readOnly;
  const initial = useMemo(() => Object.fromEntries(fields.map(({ field }) => [field.id, draftOf(field, values.items.find((v) => v.fieldId === field.id)?.value)])), [fields, values]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(initial);
  const [saved, setSaved] = useState(false);
  const form = useForm(fields.map(({ field }) => field.id));
  const missing = fields.filter(({ field, required }) => required && valueOf(field, drafts[field.id] ?? '') === null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const changed: Record<string, unknown> = {};
    for (const { field } of fields) {
      const next = valueOf(field, drafts[field.id] ?? '');
      if (JSON.stringify(next) !== JSON.stringify(valueOf(field, initial[field.id] ?? ''))) changed[field.id] = next;
    }
    const ok = await form.run(async () => {
      onSaved(await unwrap(api.PUT('/api/customers/{id}/field-values', {
        params: { path: { id: customer.id } }, body: { values: changed, ...(questionnaireId && { questionnaireId }) },
      })));
    });
    setSaved(ok);
  };

  if (fields.length === 0) return <p className="muted">{t('questionnaires.empty')}</p>;
  return (
    <form className="form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="questionnaire-form">
      <div className="form__grid">
        {fields.map(({ field, required }) => {
          const stored = values.items.find((v) => v.fieldId === field.id);
          return (
            <Field key={field.id} label={<>{field.label}{required && <span className="cust-required" aria-label={t('questionnaires.required')}> *</span>}</>}
              error={form.fieldError(field.id)} hint={stored ? t('questionnaires.updated', { at: fmt.dateTime(stored.updatedAt) }) : undefined}>
              <FieldInput field={field} value={drafts[field.id] ?? ''} disabled={!editable} onChange={(v) => setDrafts((d) => ({ ...d, [field.id]: v }))} />
            </Field>
          );
        })}
      </div>
      {questionnaireId && missing.length > 0 && <p className="muted small">{t('questionnaires.missing', { count: missing.length })}</p>}
      {form.formError && <Alert kind="error">{form.formError}</Alert>}
      {saved && <Alert kind="success">{t('actions.saved')}</Alert>}
      {editable && (
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.busy}>{t('actions.save')}</button>
        </div>
      )}
    </form>
  );
}
