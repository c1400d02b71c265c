// The scan staff ask for on the duplicates page: a job on the server. Starting it answers at once (or
// answers the scan already running, from another tab or another person); the page then polls its
// progress until it is done or failed. A scan still running when the page opens is picked up and shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { DuplicateScan } from '../common/types';

const POLL_MS = 700;

export const scanBusy = (s: DuplicateScan): boolean => s.status === 'queued' || s.status === 'running';

export function useDuplicateScan(enabled: boolean, onFinished: (scan: DuplicateScan) => void) {
  const [scan, setScan] = useState<DuplicateScan | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const finished = useRef(onFinished);
  useEffect(() => { finished.current = onFinished; }, [onFinished]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    // Only a running one matters here: a scan that ended before the page opened was already reported.
    unwrap(api.GET('/api/duplicates/scan')).then((r) => { if (!cancelled && r.scan && scanBusy(r.scan)) setScan(r.scan); }, () => {});
    return () => { cancelled = true; };
  }, [enabled]);

  useEffect(() => {
    if (!scan || !scanBusy(scan)) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      unwrap(api.GET('/api/duplicates/scans/{id}', { params: { path: { id: scan.id } } })).then(
        (next) => {
          if (cancelled) return;
          setScan(next);
          if (!scanBusy(next)) finished.current(next);
        },
        (e: unknown) => { if (!cancelled) setError(e); },
      );
    }, POLL_MS);
    return () => { cancelled = true; window.clearTimeout(timer); };
  }, [scan]);

  const start = useCallback(async () => {
    setError(null);
    setStarting(true);
    try {
      const started = await unwrap(api.POST('/api/duplicates/scan'));
      setScan(started);
      if (!scanBusy(started)) finished.current(started);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  }, []);

  return { scan, busy: starting || (scan !== null && scanBusy(scan)), error, start };
}
