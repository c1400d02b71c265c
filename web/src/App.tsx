// The routes of the app. Everything but the login page sits behind a session, inside the layout.
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { BUILT_AREAS } from './areas';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { LoginPage } from './pages/auth/LoginPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ApiKeysPage } from './pages/settings/ApiKeysPage';
import { AuditPage } from './pages/settings/AuditPage';
import { OrganizationPage } from './pages/settings/OrganizationPage';
import { OutletsPage } from './pages/settings/OutletsPage';
import { ProfilePage } from './pages/settings/ProfilePage';
import { Allowed, SettingsIndex, SettingsLayout } from './pages/settings/SettingsLayout';
import { StaffPage } from './pages/settings/StaffPage';
import { SessionProvider } from './session';

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession><AppLayout /></RequireSession>}>
            <Route index element={<DashboardPage />} />
            <Route path="dashboard" element={<Navigate to="/" replace />} />
            <Route path="settings" element={<SettingsLayout />}>
              <Route index element={<SettingsIndex />} />
              <Route path="organization" element={<Allowed page="organization"><OrganizationPage /></Allowed>} />
              <Route path="outlets" element={<Allowed page="outlets"><OutletsPage /></Allowed>} />
              <Route path="staff" element={<Allowed page="staff"><StaffPage /></Allowed>} />
              <Route path="api-keys" element={<Allowed page="apiKeys"><ApiKeysPage /></Allowed>} />
              <Route path="audit" element={<Allowed page="audit"><AuditPage /></Allowed>} />
              <Route path="profile" element={<ProfilePage />} />
            </Route>
            {Object.entries(BUILT_AREAS).map(([area, built]) => (
              <Route key={area} path={`${built.path.replace(/^\//, '')}/*`} element={<Routes>{built.routes}</Routes>} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
