// Staff names for the customer pages (managers, complaint owners, who logged what). Only owners and
// managers may read the staff list; for other roles the names stay unknown and the pages say so.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, unwrap, type Staff } from '../../../api/client';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSupervise } from './can';

interface StaffValue {
  /** Active and inactive staff; empty when the role may not read the list. */
  all: Staff[];
  active: Staff[];
  name(id: string | null | undefined): string | null;
}

const StaffContext = createContext<StaffValue | null>(null);

export function StaffProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const readable = canSupervise(me.staff.role);
  const loader = useCallback(async () => (readable ? (await unwrap(api.GET('/api/staff'))).items : [me.staff]), [readable, me.staff]);
  const { data } = useLoad(loader);
  const value = useMemo(() => {
    const all = data ?? [me.staff];
    const byId = new Map(all.map((s) => [s.id, s.name]));
    return { all, active: all.filter((s) => s.active), name: (id: string | null | undefined) => (id ? byId.get(id) ?? null : null) };
  }, [data, me.staff]);
  return <StaffContext.Provider value={value}>{children}</StaffContext.Provider>;
}

export function useStaff(): StaffValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside StaffProvider');
  return value;
}
