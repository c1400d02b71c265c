// Cards & programs: a tab row of the sub-pages this role may use, and the chosen sub-page below it.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useMe } from '../../session';
import { can } from './access';

export function CardsLayout() {
  const { t } = useTranslation('cards');
  const { staff } = useMe();
  const owner = can(staff.role, 'programs.manage');
  const tabs = [
    { to: '/cards', label: t('tabs.cards'), end: true, show: true },
    { to: '/cards/issue', label: t('tabs.issue'), end: false, show: can(staff.role, 'checkout.use') },
    { to: '/cards/batches', label: t('tabs.batches'), end: false, show: owner },
    { to: '/cards/programs', label: t('tabs.programs'), end: false, show: can(staff.role, 'checkout.use') },
    { to: '/cards/club', label: t('tabs.club'), end: false, show: owner },
  ];
  return (
    <div className="page page--wide">
      <header className="page__header">
        <h1>{t('title')}</h1>
      </header>
      <nav className="tabs" aria-label={t('title')}>
        {tabs.filter((x) => x.show).map((x) => <NavLink key={x.to} to={x.to} end={x.end} className="tabs__tab">{x.label}</NavLink>)}
      </nav>
      <Outlet />
    </div>
  );
}
