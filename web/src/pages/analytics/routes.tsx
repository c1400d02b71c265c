// The Analytics area. Its pages and ECharts load on the first visit.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route } from 'react-router-dom';

const AnalyticsArea = lazy(() => import('./AnalyticsArea'));

function Loading() {
  const { t } = useTranslation();
  return <p className="muted" aria-busy="true">{t('common.loading')}</p>;
}

export const analyticsRoutes = <Route path="*" element={<Suspense fallback={<Loading />}><AnalyticsArea /></Suspense>} />;
