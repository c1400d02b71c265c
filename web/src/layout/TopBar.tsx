import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMe, useSession } from '../session';
import { LanguageSwitcher } from './LanguageSwitcher';

export function TopBar() {
  const { t } = useTranslation();
  const { organization, staff } = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const onLogout = async () => {
    await logout().catch(() => undefined);
    navigate('/login', { replace: true });
  };
  return (
    <header className="topbar">
      <Link to="/" className="brand" aria-label={t('app.name')}>
        <span className="brand__mark" aria-hidden="true">R</span>
        <span className="brand__name">{t('app.name')}</span>
      </Link>
      <span className="topbar__org" data-testid="organization-name"><bdi>{organization.name}</bdi></span>
      <div className="topbar__end">
        <Link to="/settings/profile" className="topbar__user">
          <span className="topbar__user-name"><bdi>{staff.name}</bdi></span>
          <span className={`badge badge--${staff.role}`}>{t(`roles.${staff.role}`)}</span>
        </Link>
        <LanguageSwitcher />
        <button type="button" className="button button--ghost" onClick={() => void onLogout()}>{t('nav.logout')}</button>
      </div>
    </header>
  );
}
