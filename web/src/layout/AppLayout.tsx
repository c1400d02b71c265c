// The frame of every page behind the login: top bar, navigation, and the page itself.
import { Outlet } from 'react-router-dom';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

export function AppLayout() {
  return (
    <div className="shell">
      <TopBar />
      <div className="shell__body">
        <SideNav />
        <main className="shell__main" id="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
