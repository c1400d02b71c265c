// The built areas of the app. Each area folder (web/src/pages/<area>/) exports its routes; an area
// listed here appears as a working link in the navigation, the others stay "coming soon".
import type { ReactElement } from 'react';
import type { Area } from './permissions';

export interface BuiltArea {
  /** The path under which the area's routes live, e.g. "/customers". */
  path: string;
  /** The area's <Route> elements, relative to `path`. */
  routes: ReactElement;
}

export const BUILT_AREAS: Partial<Record<Area, BuiltArea>> = {
};
