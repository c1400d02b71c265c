// Controls of the program editor. Each knows the server path of its value, so a problem the server
// names ("config.points.maxShareBp: Too big …") appears under that control, in the control's unit.
import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/useFormat';
import { issueMessage } from '../../components/errors';
import { formatBp } from '../../components/percent';
import { formatMoney, formatNumber } from '../../format';
import { unitDigits, type Unit } from './program-draft';

export interface EditorIssues {
  /** The message for a path, translated, with limits in the field's unit; undefined when the value is fine. */
  at(path: string, unit?: Unit): string | undefined;
  currency: string;
  readOnly: boolean;
}

export const IssuesContext = createContext<EditorIssues>({ at: () => undefined, currency: 'EUR', readOnly: false });
export const useIssues = () => useContext(IssuesContext);

/** A server or browser problem in words, with limits shown in the field's own unit (100 %, not 10000). */
export function useIssueText() {
  const { t } = useTranslation('cards');
  const { t: tShell } = useTranslation();
  const { locale } = useFormat();
  return (message: string, unit: Unit, currency: string): string => {
    const show = (raw: string) => {
      const n = Number(raw);
      if (unit === 'percent') return formatBp(n, locale);
      if (unit === 'money') {
        try { return formatMoney(raw, currency, locale); } catch { return raw; }
      }
      return formatNumber(n, locale);
    };
    let m = /Too big: expected number to be <=?(\d+)/.exec(message);
    if (m?.[1]) return t('issues.max', { value: show(m[1]) });
    m = /Too small: expected number to be >=?(-?\d+)/.exec(message);
    if (m?.[1]) return t('issues.min', { value: show(m[1]) });
    m = /expected array to have >=(\d+) items?/.exec(message);
    if (m?.[1]) return t('issues.atLeast', { count: Number(m[1]) });
    if (/lowercase letters/.test(message)) return t('issues.code');
    if (/up to 12 digits/.test(message)) return t('issues.prefixDigits');
    if (/EAN-13 card numbers have 13 digits/.test(message)) return t('issues.ean13Length');
    if (/fewer than 3 digits for the serial/.test(message)) return t('issues.prefixTooLong');
    if (/expected int|expected number/i.test(message)) return t('issues.number');
    return issueMessage(tShell, message);
  };
}

interface NumInputProps {
  path: string;
  unit: Unit;
  value: string;
  onChange(value: string): void;
  label: string;
  /** Shown as a column header instead: the label is for screen readers only. */
  bare?: boolean;
  hint?: ReactNode;
  placeholder?: string;
  allowNegative?: boolean;
}

/** A number in the unit people think in, with the unit beside it: 12.5 %, 19.90 €, 14 days. */
export function NumInput({ path, unit, value, onChange, label, bare, hint, placeholder, allowNegative }: NumInputProps) {
  const { t } = useTranslation('cards');
  const issues = useIssues();
  const { locale } = useFormat();
  const id = useId();
  const error = issues.at(path, unit);
  const digits = unitDigits(unit, issues.currency);
  const suffix = unit === 'percent' ? '%' : unit === 'money' ? currencySymbol(issues.currency, locale) : unit === 'days' ? t('editor.daysUnit') : null;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${bare ? ' field--bare' : ''}`}>
      <label htmlFor={id} className={bare ? 'sr-only' : undefined}>{label}</label>
      <div className="unit-input">
        <input
          id={id} dir="ltr" inputMode={digits > 0 ? 'decimal' : allowNegative ? 'text' : 'numeric'} value={value} placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          readOnly={issues.readOnly} data-path={path}
        />
        {suffix && <span className="unit-input__unit" aria-hidden="true">{suffix}</span>}
      </div>
      {hint && <small id={`${id}-hint`} className="field__hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field__error" role="alert">{error}</small>}
    </div>
  );
}

interface TextInputProps { path: string; value: string; onChange(value: string): void; label: string; bare?: boolean; hint?: ReactNode; maxLength?: number; mono?: boolean }

export function TextInput({ path, value, onChange, label, bare, hint, maxLength, mono }: TextInputProps) {
  const issues = useIssues();
  const id = useId();
  const error = issues.at(path);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${bare ? ' field--bare' : ''}`}>
      <label htmlFor={id} className={bare ? 'sr-only' : undefined}>{label}</label>
      <input
        id={id} dir={mono ? 'ltr' : 'auto'} className={mono ? 'mono' : undefined} value={value} maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}
        readOnly={issues.readOnly} data-path={path}
      />
      {hint && <small id={`${id}-hint`} className="field__hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field__error" role="alert">{error}</small>}
    </div>
  );
}

interface ChoiceProps<V extends string> { path: string; value: V; options: readonly V[]; optionLabel(v: V): string; onChange(v: V): void; label: string; bare?: boolean; hint?: ReactNode }

export function Choice<V extends string>({ path, value, options, optionLabel, onChange, label, bare, hint }: ChoiceProps<V>) {
  const issues = useIssues();
  const id = useId();
  const error = issues.at(path);
  return (
    <div className={`field${error ? ' field--invalid' : ''}${bare ? ' field--bare' : ''}`}>
      <label htmlFor={id} className={bare ? 'sr-only' : undefined}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} disabled={issues.readOnly} aria-invalid={error ? true : undefined} data-path={path}>
        {options.map((o) => <option key={o} value={o}>{optionLabel(o)}</option>)}
      </select>
      {hint && <small className="field__hint">{hint}</small>}
      {error && <small className="field__error" role="alert">{error}</small>}
    </div>
  );
}

export function Check({ checked, onChange, label, hint }: { checked: boolean; onChange(v: boolean): void; label: ReactNode; hint?: ReactNode }) {
  const { readOnly } = useIssues();
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} disabled={readOnly} />
        {label}
      </label>
      {hint && <small className="field__hint">{hint}</small>}
    </div>
  );
}

/** A section of the editor that can be switched on and off; its fields stay filled while it is off. */
export function Section({ title, intro, on, onToggle, children, testId }: { title: string; intro: ReactNode; on?: boolean; onToggle?(v: boolean): void; children: ReactNode; testId?: string }) {
  const { t } = useTranslation('cards');
  const { readOnly } = useIssues();
  const id = useId();
  return (
    <section className="card editor-section" aria-labelledby={id} data-testid={testId}>
      <div className="card__header">
        <div>
          <h2 id={id}>{title}</h2>
          <p className="muted">{intro}</p>
        </div>
        {onToggle && (
          <label className="switch">
            <input type="checkbox" checked={on} onChange={(e) => onToggle(e.target.checked)} disabled={readOnly} />
            <span>{on ? t('editor.on') : t('editor.off')}</span>
          </label>
        )}
      </div>
      {(on ?? true) && children}
    </section>
  );
}

function currencySymbol(currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}
