// The routes of the customer base, relative to /customers (see web/src/areas.tsx). The pages load on
// first use, so the rest of the app does not carry them.
import { lazy, Suspense } from 'react';
import { Outlet, Route } from 'react-router-dom';
import { LoadState } from '../../components/LoadState';
import { CustomersLayout } from './CustomersLayout';
import { StaffProvider } from './common/staff';
import './customers.css';

const CustomersListPage = lazy(() => import('./list/CustomersListPage').then((m) => ({ default: m.CustomersListPage })));
const NewCustomerPage = lazy(() => import('./list/NewCustomerPage').then((m) => ({ default: m.NewCustomerPage })));
const CustomerPage = lazy(() => import('./profile/CustomerPage').then((m) => ({ default: m.CustomerPage })));
const DuplicatesPage = lazy(() => import('./duplicates/DuplicatesPage').then((m) => ({ default: m.DuplicatesPage })));
const MergePage = lazy(() => import('./duplicates/MergePage').then((m) => ({ default: m.MergePage })));
const MergeResultPage = lazy(() => import('./duplicates/MergeResultPage').then((m) => ({ default: m.MergeResultPage })));
const ImportStartPage = lazy(() => import('./import/ImportStartPage').then((m) => ({ default: m.ImportStartPage })));
const ImportPage = lazy(() => import('./import/ImportPage').then((m) => ({ default: m.ImportPage })));

function Staffed() {
  return (
    <StaffProvider>
      <Suspense fallback={<LoadState loading error={null} />}>
        <Outlet />
      </Suspense>
    </StaffProvider>
  );
}

export const customerRoutes = (
  <Route element={<Staffed />}>
    <Route element={<CustomersLayout />}>
      <Route index element={<CustomersListPage />} />
      <Route path="duplicates" element={<DuplicatesPage />} />
      <Route path="import" element={<ImportStartPage />} />
      <Route path="import/:importId" element={<ImportPage />} />
    </Route>
    <Route path="new" element={<NewCustomerPage />} />
    <Route path="merge" element={<MergePage />} />
    <Route path="merges/:mergeId" element={<MergeResultPage />} />
    <Route path=":id/:tab?" element={<CustomerPage />} />
  </Route>
);
