// Picks another customer by searching the base (for relations and contact persons).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useFormat } from '../../../components/useFormat';
import { formatDay } from './format';
import type { CustomerMatch } from './types';

type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

interface PickerProps extends ControlProps {
  value: CustomerMatch | null;
  onChange(value: CustomerMatch | null): void;
  exclude?: string;
  kind?: 'person' | 'company';
}

export function CustomerPicker({ value, onChange, exclude, kind, ...control }: PickerProps) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CustomerMatch[]>([]);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setFound([]);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      unwrap(api.GET('/api/customers/search', { params: { query: { q: text, limit: 8, ...(kind && { kind }) } } })).then(
        (r) => { if (!cancelled) setFound(r.items.filter((c) => c.id !== exclude)); },
        () => { if (!cancelled) setFound([]); },
      );
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [q, exclude, kind]);

  if (value) {
    return (
      <div className="input-with-button">
        <input {...control} readOnly value={value.displayName} dir="auto" />
        <button type="button" className="button" onClick={() => onChange(null)}>{t('actions.change')}</button>
      </div>
    );
  }
  return (
    <div className="cust-picker">
      <input {...control} type="search" dir="auto" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholderShort')} autoComplete="off" />
      {found.length > 0 && (
        <ul className="cust-picker__list" role="listbox">
          {found.map((c) => (
            <li key={c.id} role="option" aria-selected={false}>
              <button type="button" className="cust-picker__option" onClick={() => { onChange(c); setQ(''); }}>
                <bdi>{c.displayName}</bdi>
                <span className="muted small">{[c.birthDate && formatDay(c.birthDate, locale), c.phone].filter(Boolean).map((s, i) => <span key={i} dir="ltr"> · {s}</span>)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
