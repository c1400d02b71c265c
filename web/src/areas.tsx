// The built areas of the app. Each area folder (web/src/pages/<area>/) exports its routes; an area
// listed here appears as a working link in the navigation, the others stay "coming soon".
import type { ReactElement } from 'react';
import { cardsRoutes } from './pages/cards/routes';
import { checkoutRoutes } from './pages/checkout/routes';
import { analyticsRoutes } from './pages/analytics/routes';
import { customerRoutes } from './pages/customers/routes';
import type { Area } from './permissions';

export interface BuiltArea {
  /** The path under which the area's routes live, e.g. "/customers". */
  path: string;
  /** The area's <Route> elements, relative to `path`. */
  routes: ReactElement;
}

export const BUILT_AREAS: Partial<Record<Area, BuiltArea>> = {
  customers: { path: '/customers', routes: customerRoutes },
  cards: { path: '/cards', routes: cardsRoutes },
  checkout: { path: '/checkout', routes: checkoutRoutes },
  analytics: { path: '/analytics', routes: analyticsRoutes },
};
