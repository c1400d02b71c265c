// The analytics pages, loaded on first visit (with ECharts) so the rest of the app stays light.
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AnalyticsLayout } from './AnalyticsLayout';
import { BehaviourPage } from './pages/BehaviourPage';
import { CohortsPage } from './pages/CohortsPage';
import { CustomersPage } from './pages/CustomersPage';
import { DependencePage } from './pages/DependencePage';
import { EconomicsPage } from './pages/EconomicsPage';
import { LadderPage } from './pages/LadderPage';
import { RetentionPage } from './pages/RetentionPage';
import { ValuePage } from './pages/ValuePage';
import '../../components/area.css';
import './analytics.css';

function First() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/analytics/customers', search }} replace />;
}

export default function AnalyticsArea() {
  return (
    <Routes>
      <Route element={<AnalyticsLayout />}>
        <Route index element={<First />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="ladder" element={<LadderPage />} />
        <Route path="retention" element={<RetentionPage />} />
        <Route path="cohorts" element={<CohortsPage />} />
        <Route path="behaviour" element={<BehaviourPage />} />
        <Route path="value" element={<ValuePage />} />
        <Route path="dependence" element={<DependencePage />} />
        <Route path="economics" element={<EconomicsPage />} />
        <Route path="*" element={<First />} />
      </Route>
    </Routes>
  );
}
