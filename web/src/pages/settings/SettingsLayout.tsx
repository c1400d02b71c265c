// Settings: a tab row of the sub-pages this role may use, and the chosen sub-page below it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet } from 'react-router-dom';
import { Forbidden } from '../../components/Forbidden';
import { canSee, SETTINGS_PAGES, SETTINGS_PATHS, type SettingsPage } from '../../permissions';
import { useMe } from '../../session';

export function SettingsLayout() {
  const { t } = useTranslation();
  const { staff } = useMe();
  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('settings.title')}</h1>
      </header>
      <nav className="tabs" aria-label={t('settings.title')}>
        {SETTINGS_PAGES.filter((p) => canSee(staff.role, p)).map((p) => (
          <NavLink key={p} to={SETTINGS_PATHS[p]} className="tabs__tab">{t(`settings.pages.${p}`)}</NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

/** /settings opens the first sub-page the role may use. */
export function SettingsIndex() {
  const { staff } = useMe();
  const first = SETTINGS_PAGES.find((p) => canSee(staff.role, p)) ?? 'profile';
  return <Navigate to={SETTINGS_PATHS[first]} replace />;
}

/** A sub-page the role may not use says so instead of showing buttons that would fail. */
export function Allowed({ page, children }: { page: SettingsPage; children: ReactNode }) {
  const { staff } = useMe();
  return canSee(staff.role, page) ? <>{children}</> : <Forbidden />;
}
