// Customers' names for lists of cards, which carry only the customer's id. Loaded one by one (the API
// has no lookup by many ids yet) and kept for the session, so a list shows each name once it arrives.
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';

const names = new Map<string, Promise<string | null>>();

export function customerName(id: string): Promise<string | null> {
  let name = names.get(id);
  if (!name) {
    name = unwrap(api.GET('/api/customers/{id}', { params: { path: { id } } })).then((c) => c.displayName, () => null);
    names.set(id, name);
  }
  return name;
}

/** Remembers a name the page already has (e.g. from a search result). */
export function rememberCustomerName(id: string, name: string): void {
  names.set(id, Promise.resolve(name));
}

/** The customer's display name, undefined while it loads, null when it cannot be read. */
export function useCustomerName(id: string | null): string | null | undefined {
  const [state, setState] = useState<{ id: string | null; name: string | null | undefined }>({ id, name: undefined });
  useEffect(() => {
    if (!id) return undefined;
    let live = true;
    void customerName(id).then((name) => { if (live) setState({ id, name }); });
    return () => { live = false; };
  }, [id]);
  if (!id) return null;
  return state.id === id ? state.name : undefined;
}
