// The first page after login: what the organization is, its clock and money, and where to go next.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { LoadState } from '../../components/LoadState';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { currencyName, formatDate, timeZoneOffset } from '../../format';
import { canReadStaff, canSee, SETTINGS_PAGES, SETTINGS_PATHS } from '../../permissions';
import { useMe } from '../../session';

function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { organization, staff } = useMe();
  const fmt = useFormat();
  const now = useNow(15_000);
  const showStaff = canReadStaff(staff.role);
  const loader = useCallback(async () => {
    const [outlets, people] = await Promise.all([
      unwrap(api.GET('/api/outlets')),
      showStaff ? unwrap(api.GET('/api/staff')) : Promise.resolve(null),
    ]);
    return { outlets: outlets.items, staff: people?.items ?? null };
  }, [showStaff]);
  const counts = useLoad(loader);
  const activeOutlets = counts.data?.outlets.filter((o) => o.active).length;
  const activeStaff = counts.data?.staff?.filter((s) => s.active).length;

  return (
    <div className="page">
      <header className="page__header">
        <p className="eyebrow">{t('dashboard.welcome', { name: staff.name })}</p>
        <h1 data-testid="dashboard-title"><bdi>{organization.name}</bdi></h1>
      </header>
      <LoadState loading={false} error={counts.error} onRetry={counts.reload} />
      <section className="stats" aria-label={t('dashboard.overview')}>
        <div className="stat">
          <span className="stat__label">{t('dashboard.localTime')}</span>
          <span className="stat__value">{fmt.time(now)}</span>
          <span className="stat__note">{formatDate(now, fmt.locale, organization.timeZone, 'full')}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('dashboard.currency')}</span>
          <span className="stat__value">{organization.currency}</span>
          <span className="stat__note">{currencyName(organization.currency, fmt.locale)} · {fmt.money(123450)}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('dashboard.timeZone')}</span>
          <span className="stat__value stat__value--small" dir="ltr">{organization.timeZone}</span>
          <span className="stat__note">{timeZoneOffset(organization.timeZone, fmt.locale, now)}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('dashboard.outlets')}</span>
          <span className="stat__value" data-testid="outlet-count">{activeOutlets === undefined ? '…' : fmt.number(activeOutlets)}</span>
          <span className="stat__note">{counts.data ? t('dashboard.ofTotal', { total: fmt.number(counts.data.outlets.length) }) : ' '}</span>
        </div>
        {showStaff && (
          <div className="stat">
            <span className="stat__label">{t('dashboard.staff')}</span>
            <span className="stat__value" data-testid="staff-count">{activeStaff === undefined ? '…' : fmt.number(activeStaff)}</span>
            <span className="stat__note">{counts.data?.staff ? t('dashboard.ofTotal', { total: fmt.number(counts.data.staff.length) }) : ' '}</span>
          </div>
        )}
      </section>
      <section className="card">
        <h2>{t('dashboard.quickLinks')}</h2>
        <ul className="quick-links">
          {SETTINGS_PAGES.filter((p) => canSee(staff.role, p)).map((p) => (
            <li key={p}>
              <Link to={SETTINGS_PATHS[p]} className="quick-link">
                <span className="quick-link__title">{t(`settings.pages.${p}`)}</span>
                <span className="quick-link__text muted">{t(`settings.descriptions.${p}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
