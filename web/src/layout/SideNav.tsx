// Navigation for every area of Regulars. Areas that are not built yet are shown, disabled, with a
// "coming soon" hint, so nobody lands on a fake page; areas a role may never use are left out.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { BUILT_AREAS } from '../areas';
import { AREA_ORDER, canUseArea } from '../permissions';
import { useMe } from '../session';

export function SideNav() {
  const { t } = useTranslation();
  const { staff } = useMe();
  return (
    <nav className="sidenav" aria-label={t('nav.label')}>
      <ul>
        <li><NavLink to="/" end className="sidenav__link">{t('nav.dashboard')}</NavLink></li>
        {AREA_ORDER.filter((area) => canUseArea(staff.role, area)).map((area) => {
          const built = BUILT_AREAS[area];
          return (
            <li key={area}>
              {built ? (
                <NavLink to={built.path} className="sidenav__link">{t(`nav.${area}`)}</NavLink>
              ) : (
                <span className="sidenav__link sidenav__link--disabled" aria-disabled="true" title={t('nav.comingSoonHint')}>
                  {t(`nav.${area}`)}
                  <span className="soon">{t('nav.comingSoon')}</span>
                </span>
              )}
            </li>
          );
        })}
        <li><NavLink to="/settings" className="sidenav__link">{t('nav.settings')}</NavLink></li>
      </ul>
    </nav>
  );
}
