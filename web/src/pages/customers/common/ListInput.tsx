// Inputs for the list fields of a profile: one line per phone, e-mail or address; chips for tags and hobbies.
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

interface ListInputProps extends ControlProps {
  values: string[];
  onChange(values: string[]): void;
  type?: 'tel' | 'email' | 'text';
  max: number;
  addLabel: string;
  /** Writing direction of the values: phones and e-mails are left to right in every language. */
  dir?: 'ltr' | 'auto';
}

export function ListInput({ values, onChange, type = 'text', max, addLabel, dir = 'auto', ...control }: ListInputProps) {
  const { t } = useTranslation('customers');
  const rows = values.length === 0 ? [''] : values;
  const set = (i: number, v: string) => onChange(rows.map((old, k) => (k === i ? v : old)));
  const remove = (i: number) => onChange(rows.filter((_, k) => k !== i));
  return (
    <div className="cust-list-input">
      {rows.map((value, i) => (
        <div className="cust-list-input__row" key={i}>
          <input {...(i === 0 ? control : {})} type={type} dir={dir} value={value} onChange={(e) => set(i, e.target.value)}
            aria-label={i === 0 ? undefined : `${addLabel} ${i + 1}`} />
          {rows.length > 1 && (
            <button type="button" className="button button--small button--ghost" onClick={() => remove(i)} aria-label={t('actions.removeItem', { value: value || i + 1 })}>×</button>
          )}
        </div>
      ))}
      {rows.length < max && (
        <button type="button" className="link-button cust-list-input__add" onClick={() => onChange([...rows, ''])}>+ {addLabel}</button>
      )}
    </div>
  );
}

/** Drops empty lines and repeats before sending a list. */
export const cleanList = (values: string[]): string[] => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];

interface TagInputProps extends ControlProps {
  values: string[];
  onChange(values: string[]): void;
  placeholder?: string;
}

export function TagInput({ values, onChange, placeholder, ...control }: TagInputProps) {
  const { t } = useTranslation('customers');
  const [draft, setDraft] = useState('');
  const add = () => {
    const parts = draft.split(',').map((p) => p.trim()).filter((p) => p !== '' && !values.includes(p));
    if (parts.length) onChange([...values, ...parts]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="cust-tag-input">
      {values.map((v) => (
        <span className="cust-chip" key={v}>
          <bdi>{v}</bdi>
          <button type="button" className="cust-chip__remove" onClick={() => onChange(values.filter((x) => x !== v))} aria-label={t('actions.removeItem', { value: v })}>×</button>
        </span>
      ))}
      <input {...control} dir="auto" value={draft} placeholder={placeholder} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey} onBlur={add} />
    </div>
  );
}
