// Pages behind the login: wait for /api/me, send strangers to the login page (and back afterwards).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session';

export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status, retry } = useSession();
  const location = useLocation();
  if (status === 'loading') return <div className="splash" aria-busy="true">{t('common.loading')}</div>;
  if (status === 'offline') {
    return (
      <div className="splash">
        <p>{t('errors.network_error')}</p>
        <button type="button" className="button" onClick={retry}>{t('common.retry')}</button>
      </div>
    );
  }
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
