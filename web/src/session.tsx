// Who is logged in. Loads /api/me once, keeps it for every page, follows the staff member's language,
// and drops back to the login page whenever the server says the session is gone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler, unwrap, type Me } from './api/client';
import i18n, { languageFor, rememberLanguage, type Language } from './i18n';

type Status = 'loading' | 'anonymous' | 'ready' | 'offline';

interface SessionValue {
  status: Status;
  me: Me | null;
  /** Set after a login or after a change to the staff member or organization. */
  setMe(me: Me): void;
  logout(): Promise<void>;
  /** Switches the interface language and, when logged in, keeps it in the staff member's profile. */
  changeLanguage(lang: Language): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMeState] = useState<Me | null>(null);
  const [attempt, setAttempt] = useState(0);

  const setMe = useCallback((next: Me) => {
    setMeState(next);
    setStatus('ready');
    void i18n.changeLanguage(languageFor(next.staff.locale, next.organization.locale));
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMeState(null);
      setStatus('anonymous');
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  useEffect(() => {
    let cancelled = false;
    unwrap(api.GET('/api/me')).then(
      (loaded) => { if (!cancelled) setMe(loaded); },
      (e: unknown) => {
        if (cancelled) return;
        setStatus((e as { status?: number }).status === 401 ? 'anonymous' : 'offline');
      },
    );
    return () => { cancelled = true; };
  }, [attempt, setMe]);

  const logout = useCallback(async () => {
    try {
      await unwrap(api.POST('/api/auth/logout'));
    } finally {
      setMeState(null);
      setStatus('anonymous');
    }
  }, []);

  const changeLanguage = useCallback(async (lang: Language) => {
    rememberLanguage(lang);
    await i18n.changeLanguage(lang);
    if (!me) return;
    const staff = await unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: me.staff.id } }, body: { locale: lang } }));
    setMeState({ ...me, staff });
  }, [me]);

  const retry = useCallback(() => {
    setStatus('loading');
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ status, me, setMe, logout, changeLanguage, retry }), [status, me, setMe, logout, changeLanguage, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in staff member and organization; only for pages behind the login. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
