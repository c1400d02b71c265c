// Keeps the server's copy of the mapping in step with the screen: every change is sent (debounced), and
// the answer brings back the preview of the mapped rows and what still blocks the import.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { CustomerMapping, ImportSession } from '../common/types';

const DELAY_MS = 350;

export function useMappingSync(session: ImportSession, mapping: CustomerMapping, onSession: (s: ImportSession) => void) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(mapping);
  const sent = useRef<string | null>(session.mapping ? JSON.stringify(session.mapping) : null);
  const inFlight = useRef<Promise<void> | null>(null);
  latest.current = mapping;
  const id = session.id;

  const send = useCallback(async () => {
    const body = latest.current;
    const json = JSON.stringify(body);
    if (json === sent.current) return;
    setSaving(true);
    try {
      const next = await unwrap(api.PUT('/api/imports/{id}/mapping', { params: { path: { id } }, body }));
      sent.current = json;
      setError(null);
      if (JSON.stringify(latest.current) === json) onSession(next);
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setSaving(false);
    }
  }, [id, onSession]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      inFlight.current = send().catch(() => undefined);
    }, DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [mapping, send]);

  /** Sends what is on the screen now (before starting) and throws when the server refuses it. */
  const flush = useCallback(async () => {
    await inFlight.current;
    await send();
  }, [send]);

  return { saving, error, flush };
}
