// Finds a customer by name (any script), phone, e-mail or card number through the customer search,
// and hands the chosen one to the form. Results show what tells namesakes apart (birth date, phone).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Alert } from '../../components/Alert';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';
import { rememberCustomerName } from './customer-names';
import { calendarDate } from './dates';

export type CustomerMatch = components['schemas']['CustomerMatch'];
export interface PickedCustomer { id: string; name: string }

interface Props {
  label: string;
  onPick(customer: PickedCustomer): void;
  autoFocus?: boolean;
}

export function CustomerPicker({ label, onPick, autoFocus }: Props) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const areaError = useAreaError('cards');
  const id = useId();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; items: CustomerMatch[]; more: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = q.trim();

  useEffect(() => {
    if (query.length < 2) return undefined;
    let live = true;
    const timer = window.setTimeout(() => {
      unwrap(api.GET('/api/customers/search', { params: { query: { q: query, limit: 10 } } })).then(
        (r) => { if (live) { setResult({ q: query, items: r.items, more: r.more }); setError(null); } },
        (e: unknown) => { if (live) setError(areaError(e)); },
      );
    }, 250);
    return () => { live = false; window.clearTimeout(timer); };
  }, [query, areaError]);

  const shown = query.length >= 2 && result?.q === query ? result : null;
  const pick = (m: CustomerMatch) => {
    rememberCustomerName(m.id, m.displayName);
    onPick({ id: m.id, name: m.displayName });
  };

  return (
    <div className="picker">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="search" dir="auto" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('picker.placeholder')} autoFocus={autoFocus} autoComplete="off" data-testid="customer-search" />
        <small className="field__hint">{t('picker.hint')}</small>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {shown && (shown.items.length === 0 ? <p className="muted">{t('picker.none')}</p> : (
        <ul className="picker__results" aria-label={t('picker.results')}>
          {shown.items.map((m) => (
            <li key={m.id}>
              <button type="button" className="picker__item" onClick={() => pick(m)}>
                <span className="picker__name"><bdi>{m.displayName}</bdi></span>
                <span className="muted small">
                  {[m.birthDate ? calendarDate(m.birthDate, fmt.locale) : null, m.phone, m.email].filter(Boolean).map((x) => <bdi key={x} className="picker__fact">{x}</bdi>)}
                  {m.cards.length > 0 && <span className="picker__fact">{t('picker.cards', { count: m.cards.length })}</span>}
                </span>
              </button>
            </li>
          ))}
          {shown.more && <li className="muted small">{t('picker.more')}</li>}
        </ul>
      ))}
    </div>
  );
}
