// The customer list (no search): newest first, with contacts, tags and manager.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useFormat } from '../../../components/useFormat';
import { formatDay, latinName } from '../common/format';
import { useStaff } from '../common/staff';
import type { Customer } from '../common/types';

export function CustomerTable({ items }: { items: Customer[] }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const staff = useStaff();
  const navigate = useNavigate();
  return (
    <div className="table-wrap">
      <table className="table cust-table" data-testid="customer-list">
        <thead>
          <tr>
            <th>{t('fields.name')}</th><th>{t('fields.birthDate')}</th><th>{t('fields.phone')}</th>
            <th>{t('fields.email')}</th><th>{t('fields.tags')}</th><th>{t('fields.manager')}</th><th>{t('fields.added')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const latin = latinName(c);
            return (
              <tr key={c.id} className="cust-row-link" onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(`/customers/${c.id}`); }}>
                <td>
                  <Link to={`/customers/${c.id}`} className="cust-name"><bdi>{c.displayName}</bdi></Link>
                  {c.kind === 'company' && <span className="badge cust-kind">{t('kinds.company')}</span>}
                  {latin && <div className="muted small"><span dir="ltr">{latin}</span></div>}
                </td>
                <td className="nowrap">{c.birthDate ? formatDay(c.birthDate, fmt.locale) : '—'}</td>
                <td className="nowrap"><span dir="ltr">{c.phones[0] ?? '—'}</span></td>
                <td><span dir="ltr" className="cust-ellipsis">{c.emails[0] ?? '—'}</span></td>
                <td>{c.tags.map((tag) => <span key={tag} className="cust-chip cust-chip--small"><bdi>{tag}</bdi></span>)}</td>
                <td>{c.managerId ? <bdi>{staff.name(c.managerId) ?? t('staff.unknown')}</bdi> : <span className="muted">—</span>}</td>
                <td className="nowrap">{fmt.date(c.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
