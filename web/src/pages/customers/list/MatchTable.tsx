// Search answers: one row per person, with the fields that tell namesakes apart; the fields that differ
// among the people found are marked, so the eye goes to them.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useFormat } from '../../../components/useFormat';
import { DocumentText } from '../common/DocumentText';
import { formatDay, latinName } from '../common/format';
import type { CustomerMatch, Distinguishing } from '../common/types';

function Tags({ tags }: { tags: string[] }) {
  return <>{tags.map((tag) => <span key={tag} className="cust-chip cust-chip--small"><bdi>{tag}</bdi></span>)}</>;
}

export function MatchTable({ items, distinguishing }: { items: CustomerMatch[]; distinguishing: Distinguishing[] }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const navigate = useNavigate();
  const differs = (f: Distinguishing | 'givenNames') => (distinguishing.includes(f) ? 'cust-differs' : undefined);
  const head = (f: Distinguishing, label: string) => (
    <th className={differs(f)}>{label}{distinguishing.includes(f) && <span className="sr-only"> ({t('search.differs')})</span>}</th>
  );
  return (
    <div className="table-wrap">
      <table className="table cust-table" data-testid="customer-results">
        <thead>
          <tr>
            <th>{t('fields.familyName')}</th>
            {head('givenNames', t('fields.givenNames'))}
            {head('birthDate', t('fields.birthDate'))}
            {head('phone', t('fields.phone'))}
            {head('document', t('fields.document'))}
            {head('cards', t('fields.card'))}
            <th>{t('fields.tags')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const latin = latinName(c);
            const family = c.kind === 'company' ? c.companyName ?? c.displayName : c.familyName ?? c.displayName;
            const given = [c.givenNames, c.patronymic].filter(Boolean).join(' ');
            return (
              <tr key={c.id} className="cust-row-link" onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(`/customers/${c.id}`); }}>
                <td>
                  <Link to={`/customers/${c.id}`} className="cust-name"><bdi>{family}</bdi></Link>
                  {c.kind === 'company' && <span className="badge cust-kind">{t('kinds.company')}</span>}
                  {latin && <div className="muted small"><span dir="ltr">{latin}</span></div>}
                </td>
                <td className={differs('givenNames')}>{given ? <bdi>{given}</bdi> : '—'}</td>
                <td className={`nowrap ${differs('birthDate') ?? ''}`}>{c.birthDate ? formatDay(c.birthDate, locale) : '—'}</td>
                <td className={`nowrap ${differs('phone') ?? ''}`}><span dir="ltr">{c.phone ?? '—'}</span></td>
                <td className={`nowrap ${differs('document') ?? ''}`}>{c.document ? <DocumentText text={c.document} /> : '—'}</td>
                <td className={`nowrap ${differs('cards') ?? ''}`}>{c.cards.length ? <span dir="ltr">{c.cards.join(', ')}</span> : '—'}</td>
                <td><Tags tags={c.tags} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

