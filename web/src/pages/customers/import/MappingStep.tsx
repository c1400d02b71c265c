// The mapping screen: each column of the file with its first values and the field it feeds (the guess
// preselected), the transforms of that column, the file-wide options (date order when the dates are
// ambiguous, gender from names, what a bad value does, how existing customers are updated), the rows as
// they would be imported, and what still blocks the start.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { Field } from '../../../components/Field';
import { useMe } from '../../../session';
import { useErrorText } from '../common/errors';
import { TagInput } from '../common/ListInput';
import type { ColumnRule, CustomerMapping, ImportField, ImportSession } from '../common/types';
import { ColumnTransforms } from './ColumnTransforms';
import { DATE_FIELDS, FIELD_GROUPS } from './fields';
import { MappedPreview } from './MappedPreview';
import { SourceSettings } from './SourceSettings';
import { useMappingSync } from './useMappingSync';

function initialMapping(s: ImportSession): CustomerMapping {
  const m = s.mapping ?? s.suggestedMapping;
  if (m.kind === 'customers') return m;
  return { kind: 'customers', columns: [], dateOrder: null, deriveGender: false, invalidValues: 'reject_row', phoneCountry: null, addTags: [], updateMode: 'fill_empty' };
}

export function MappingStep({ session, onChange }: { session: ImportSession; onChange(s: ImportSession): void }) {
  const { t } = useTranslation('customers');
  const me = useMe();
  const errorText = useErrorText();
  const [mapping, setMapping] = useState<CustomerMapping>(() => initialMapping(session));
  const sync = useMappingSync(session, mapping, onChange);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const ruleOf = (column: number) => mapping.columns.find((r) => r.column === column) ?? null;
  const setRule = (column: number, rule: ColumnRule | null) => setMapping((m) => ({
    ...m, columns: [...m.columns.filter((r) => r.column !== column), ...(rule ? [rule] : [])].sort((a, b) => a.column - b.column),
  }));
  const mappedDates = mapping.columns.some((r) => DATE_FIELDS.has(r.field));
  const blocking = session.problems.filter((p) => p.severity === 'blocking' && !(p.code === 'mapping_required' && mapping.columns.length > 0));
  const warnings = session.problems.filter((p) => p.severity === 'warning');

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      await sync.flush();
      onChange(await unwrap(api.POST('/api/imports/{id}/start', { params: { path: { id: session.id } } })));
    } catch (e) {
      setStartError(errorText(e));
      setStarting(false);
    }
  };

  return (
    <>
      <SourceSettings session={session} onChange={onChange} />
      <section className="card" data-testid="import-mapping">
        <div className="card__header">
          <div>
            <h2>{t('import.mappingTitle')}</h2>
            <p className="muted">{t('import.mappingIntro')}</p>
          </div>
          <span className="muted small" aria-live="polite">{sync.saving ? t('import.checking') : ''}</span>
        </div>
        <div className="table-wrap">
          <table className="table cust-mapping">
            <thead>
              <tr><th>{t('import.column')}</th><th>{t('import.values')}</th><th>{t('import.field')}</th></tr>
            </thead>
            <tbody>
              {session.columns.map((c) => {
                const rule = ruleOf(c.index);
                const guessed = c.guess?.field ?? null;
                return (
                  <tr key={c.index} className={rule ? undefined : 'row--inactive'}>
                    <td className="cust-mapping__col">
                      <span className="cust-col-letter">{columnLetter(c.index)}</span>
                      {c.header ? <bdi className="cust-mapping__header">{c.header}</bdi> : <span className="muted">{t('import.noHeader')}</span>}
                    </td>
                    <td className="cust-mapping__samples">
                      {c.samples.slice(0, 2).map((v, i) => <div key={i} className="cust-sample"><bdi>{v}</bdi></div>)}
                      {c.samples.length === 0 && <span className="muted">{t('import.emptyColumn')}</span>}
                    </td>
                    <td>
                      <select aria-label={t('import.fieldFor', { column: c.header ?? columnLetter(c.index) })} data-testid={`map-column-${c.index}`}
                        value={rule?.field ?? ''} onChange={(e) => setRule(c.index, e.target.value ? { column: c.index, field: e.target.value as ImportField } : null)}>
                        <option value="">{t('import.skipColumn')}</option>
                        {FIELD_GROUPS.map((g) => (
                          <optgroup key={g.group} label={t(`import.groups.${g.group}`)}>
                            {g.fields.map((f) => <option key={f} value={f}>{t(`import.fields.${f}`)}{f === guessed ? ` — ${t('import.guessed')}` : ''}</option>)}
                          </optgroup>
                        ))}
                      </select>
                      {rule && <ColumnTransforms rule={rule} samples={c.samples} transforms={session.transforms} onChange={(r) => setRule(c.index, r)} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <MappedPreview session={session} />
      <section className="card">
        <h2>{t('import.optionsTitle')}</h2>
        {(mappedDates || session.dateOrder.required) && (
          <fieldset className={session.dateOrder.required ? 'cust-date-order cust-date-order--required' : 'cust-date-order'} data-testid="date-order">
            <legend>{t('import.dateOrder')}</legend>
            <p className="muted small">{session.dateOrder.detected === 'conflict' ? t('import.dateConflict') : session.dateOrder.detected === 'ambiguous' ? t('import.dateAmbiguous') : t('import.dateDetected', { order: t(`import.orders.${session.dateOrder.effective ?? 'ymd'}`) })}</p>
            <div className="cust-seg">
              {(['dmy', 'mdy', 'ymd'] as const).map((o) => (
                <label key={o} className={(mapping.dateOrder ?? session.dateOrder.effective) === o ? 'cust-seg__option cust-seg__option--on' : 'cust-seg__option'}>
                  <input type="radio" name="date-order" checked={(mapping.dateOrder ?? session.dateOrder.effective) === o} onChange={() => setMapping((m) => ({ ...m, dateOrder: o }))} />
                  {t(`import.orders.${o}`)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="form__grid cust-import-options">
          <Field label={t('import.invalidValues')}>
            <select value={mapping.invalidValues} onChange={(e) => setMapping((m) => ({ ...m, invalidValues: e.target.value as CustomerMapping['invalidValues'] }))}>
              <option value="reject_row">{t('import.rejectRow')}</option>
              <option value="skip_value">{t('import.skipValue')}</option>
            </select>
          </Field>
          <Field label={t('import.updateMode')}>
            <select value={mapping.updateMode} onChange={(e) => setMapping((m) => ({ ...m, updateMode: e.target.value as CustomerMapping['updateMode'] }))}>
              <option value="fill_empty">{t('import.fillEmpty')}</option>
              <option value="overwrite">{t('import.overwrite')}</option>
            </select>
          </Field>
          <Field label={t('import.phoneCountry')} hint={t('import.phoneCountryHint', { country: me.organization.country ?? '—' })}>
            <input dir="ltr" maxLength={2} value={mapping.phoneCountry ?? ''} placeholder={me.organization.country ?? ''}
              onChange={(e) => { const v = e.target.value.toUpperCase().replace(/[^A-Z]/g, ''); setMapping((m) => ({ ...m, phoneCountry: v.length === 2 ? v : null })); }} />
          </Field>
          <Field label={t('import.addTags')} hint={t('form.tagsHint')}>
            <TagInput values={mapping.addTags} onChange={(addTags) => setMapping((m) => ({ ...m, addTags }))} />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={mapping.deriveGender} onChange={(e) => setMapping((m) => ({ ...m, deriveGender: e.target.checked }))} />
          {t('import.deriveGender')}
        </label>
      </section>
      <section className="card">
        {sync.error !== null && <Alert kind="error">{errorText(sync.error)}</Alert>}
        {blocking.map((p, i) => <Alert key={`b${i}`} kind="error">{problemText(t, p)}</Alert>)}
        {warnings.map((p, i) => <Alert key={`w${i}`} kind="warning">{problemText(t, p)}</Alert>)}
        {startError && <Alert kind="error">{startError}</Alert>}
        <div className="actions">
          <button type="button" className="button button--primary" disabled={starting || mapping.columns.length === 0 || blocking.length > 0} onClick={() => void start()} data-testid="import-start">
            {t('import.start', { count: session.rowsTotal })}
          </button>
        </div>
      </section>
    </>
  );
}

type Problem = ImportSession['problems'][number];

function problemText(t: TFunction, p: Problem): string {
  const field = p.field ? t(`import.fields.${p.field}`, { defaultValue: p.field }) : '';
  const column = p.column !== undefined ? columnLetter(p.column) : '';
  return t(`import.problems.${p.code}`, { defaultValue: p.message, field, column });
}

/** A, B, … Z, AA: columns as a spreadsheet names them. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
