// The search box with the narrowing fields that tell namesakes apart, and the list filters.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '../../../bidi';
import { Field } from '../../../components/Field';
import { useStaff } from '../common/staff';
import { FILTERS, NARROWING, QUERY_KEYS, type Query } from './query';

interface SearchPanelProps {
  query: Query;
  onSearch(query: Query): void;
  /** Field errors from the server (a phone filter that is no phone), by query key. */
  fieldError(key: string): string | undefined;
}

export function SearchPanel({ query, onSearch, fieldError }: SearchPanelProps) {
  const { t } = useTranslation('customers');
  const staff = useStaff();
  const [draft, setDraft] = useState<Query>(query);
  const active = [...NARROWING, ...FILTERS].filter((k) => query[k]).length;
  // The narrowing fields are there when a search or a filter is on, and on request otherwise.
  const [open, setOpen] = useState(active > 0);
  useEffect(() => {
    setDraft(query);
    if (NARROWING.some((k) => query[k]) || FILTERS.some((k) => query[k])) setOpen(true);
  }, [query]);

  const set = (key: keyof Query, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(draft);
  };
  const applyNow = (key: keyof Query, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    onSearch(next);
  };
  const anySet = QUERY_KEYS.some((k) => query[k]);

  return (
    <form className="card cust-search" role="search" onSubmit={submit}>
      <div className="cust-search__bar">
        <label htmlFor="customer-search" className="sr-only">{t('search.label')}</label>
        <input id="customer-search" type="search" dir="auto" value={draft.q ?? ''} onChange={(e) => set('q', e.target.value)}
          placeholder={t('search.placeholder')} autoComplete="off" spellCheck={false} data-testid="customer-search" />
        <button type="submit" className="button button--primary">{t('search.submit')}</button>
        <button type="button" className={open ? 'button cust-toggle cust-toggle--open' : 'button cust-toggle'} aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="filters-toggle">
          {active ? t('search.showFiltersActive', { n: active }) : t('search.showFilters')}
        </button>
        {anySet && <button type="button" className="button button--ghost" onClick={() => onSearch({})}>{t('search.clear')}</button>}
      </div>
      <p className="muted small cust-search__hint">{t('search.hint')}</p>
      {open && (<>
      <fieldset className="cust-filters">
        <legend>{t('search.narrow')}</legend>
        <Field label={t('fields.givenName')}>
          <input dir="auto" value={draft.givenName ?? ''} onChange={(e) => set('givenName', e.target.value)} />
        </Field>
        <Field label={t('fields.birthDate')} error={fieldError('birthDate')}>
          <input type="date" value={draft.birthDate ?? ''} onChange={(e) => set('birthDate', e.target.value)} />
        </Field>
        <Field label={t('search.birthYear')} error={fieldError('birthYear')}>
          <input inputMode="numeric" dir="ltr" maxLength={4} value={draft.birthYear ?? ''} onChange={(e) => set('birthYear', e.target.value.replace(/\D/g, ''))} />
        </Field>
        <Field label={t('search.documentTail')} error={fieldError('documentTail')}>
          <input dir="ltr" maxLength={20} value={draft.documentTail ?? ''} onChange={(e) => set('documentTail', e.target.value)} />
        </Field>
        <Field label={t('fields.phone')} error={fieldError('phone')}>
          <input type="tel" dir="ltr" value={draft.phone ?? ''} onChange={(e) => set('phone', e.target.value)} />
        </Field>
      </fieldset>
      <fieldset className="cust-filters">
        <legend>{t('search.filter')}</legend>
        <Field label={t('fields.tag')}>
          <input dir="auto" value={draft.tag ?? ''} onChange={(e) => set('tag', e.target.value)} />
        </Field>
        <Field label={t('fields.manager')}>
          <select value={draft.managerId ?? ''} onChange={(e) => applyNow('managerId', e.target.value)}>
            <option value="">{t('search.anyManager')}</option>
            {staff.all.map((s) => <option key={s.id} value={s.id}>{isolate(s.name)}</option>)}
          </select>
        </Field>
        <Field label={t('fields.kind')}>
          <select value={draft.kind ?? ''} onChange={(e) => applyNow('kind', e.target.value)}>
            <option value="">{t('search.anyKind')}</option>
            <option value="person">{t('kinds.person')}</option>
            <option value="company">{t('kinds.company')}</option>
          </select>
        </Field>
        <div className="cust-filters__apply">
          <button type="submit" className="button">{t('search.apply')}</button>
        </div>
      </fieldset>
      </>)}
    </form>
  );
}
