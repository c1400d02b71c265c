// One custom field's control, by its type: text, number, date, a choice, or several choices.
import type { CustomField } from '../common/types';

type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

/** The form keeps every value as the control shows it: a string, or a list of choices. */
export type Draft = string | string[];

export function draftOf(field: CustomField, value: unknown): Draft {
  if (field.type === 'multi_choice') return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The value to send: null clears the field. */
export function valueOf(field: CustomField, draft: Draft): unknown {
  if (Array.isArray(draft)) return draft.length ? draft : null;
  const text = draft.trim();
  if (text === '') return null;
  return field.type === 'number' ? Number(text.replace(',', '.')) : text;
}

interface FieldInputProps extends ControlProps {
  field: CustomField;
  value: Draft;
  onChange(value: Draft): void;
  disabled?: boolean;
}

export function FieldInput({ field, value, onChange, disabled, ...control }: FieldInputProps) {
  if (field.type === 'multi_choice') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <div className="cust-checks" role="group" aria-describedby={control['aria-describedby']} id={control.id}>
        {field.options.map((o) => (
          <label key={o} className="checkbox">
            <input type="checkbox" disabled={disabled} checked={chosen.includes(o)} onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o))} />
            <bdi>{o}</bdi>
          </label>
        ))}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  if (field.type === 'choice') {
    return (
      <select {...control} disabled={disabled} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        {text && !field.options.includes(text) && <option value={text}>{text}</option>}
      </select>
    );
  }
  if (field.type === 'date') return <input {...control} disabled={disabled} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
  if (field.type === 'number') return <input {...control} disabled={disabled} inputMode="decimal" dir="ltr" value={text} onChange={(e) => onChange(e.target.value)} />;
  return <input {...control} disabled={disabled} dir="auto" value={text} onChange={(e) => onChange(e.target.value)} maxLength={5000} />;
}
