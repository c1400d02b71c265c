// The customer base's own pages (list, duplicates, import) under one header with a tab row.
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useMe } from '../../session';
import { canImport, canWrite } from './common/can';

export function CustomersLayout() {
  const { t } = useTranslation('customers');
  const { staff } = useMe();
  return (
    <div className="page">
      <header className="page__header cust-page-header">
        <h1>{t('title')}</h1>
        {canWrite(staff.role) && <Link to="/customers/new" className="button button--primary">{t('list.new')}</Link>}
      </header>
      <nav className="tabs" aria-label={t('title')}>
        <NavLink to="/customers" end className="tabs__tab">{t('tabs.base')}</NavLink>
        <NavLink to="/customers/duplicates" className="tabs__tab">{t('tabs.duplicates')}</NavLink>
        {canImport(staff.role) && <NavLink to="/customers/import" className="tabs__tab">{t('tabs.import')}</NavLink>}
      </nav>
      <Outlet />
    </div>
  );
}
