// While a new customer is typed in, the people already in the base with that phone, e-mail or name,
// so staff open the existing profile instead of making a duplicate.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { useFormat } from '../../../components/useFormat';
import { formatDay } from '../common/format';
import type { CustomerMatch } from '../common/types';

const DELAY_MS = 400;

export function ExistingMatches({ queries }: { queries: string[] }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const [found, setFound] = useState<CustomerMatch[]>([]);
  const key = queries.filter((q) => q.trim().length >= 3).join('\n');

  useEffect(() => {
    if (key === '') {
      setFound([]);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void Promise.all(key.split('\n').map((q) => unwrap(api.GET('/api/customers/search', { params: { query: { q, limit: 5 } } })).then((r) => r.items, () => [])))
        .then((lists) => {
          if (cancelled) return;
          const seen = new Set<string>();
          setFound(lists.flat().filter((c) => c.score >= 0.5 && !seen.has(c.id) && seen.add(c.id)).slice(0, 5));
        });
    }, DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [key]);

  if (found.length === 0) return null;
  return (
    <aside className="alert alert--warning" aria-live="polite" data-testid="existing-matches">
      <strong>{t('form.existing')}</strong>
      <ul className="cust-existing">
        {found.map((c) => (
          <li key={c.id}>
            <Link to={`/customers/${c.id}`}><bdi>{c.displayName}</bdi></Link>
            {c.birthDate && <span className="muted"> · {formatDay(c.birthDate, locale)}</span>}
            {c.phone && <span className="muted"> · <span dir="ltr">{c.phone}</span></span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}
