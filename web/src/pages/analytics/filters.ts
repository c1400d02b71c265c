// The analytics filters live in the address (?from=…&to=…&outlet=…&tag=…), so a view can be shared and
// every tab keeps them. Empty means the server's default: the current month and the eleven before it.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { todayIn } from '../../format';

export interface Filters { from: string; to: string; outletId: string; tag: string }

export function useFilters(): [Filters, (next: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const outletId = params.get('outlet') ?? '';
  const tag = params.get('tag') ?? '';
  const filters = useMemo(() => ({ from, to, outletId, tag }), [from, to, outletId, tag]);
  const set = (next: Partial<Filters>) => {
    const p = new URLSearchParams(params);
    const put = (key: string, value: string | undefined) => { if (value === undefined) return; if (value) p.set(key, value); else p.delete(key); };
    put('from', next.from);
    put('to', next.to);
    put('outlet', next.outletId);
    put('tag', next.tag);
    setParams(p, { replace: true });
  };
  return [filters, set];
}

/** Dates as YYYY-MM-DD for date inputs. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The server's default period: the current month and the eleven before it, on the organization's clock. */
export function defaultRange(timeZone: string, now = new Date()): { from: string; to: string } {
  const to = todayIn(timeZone, now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-01`, to };
}

export type Preset = 'last12' | 'last3' | 'thisYear' | 'lastYear';
export const PRESETS: readonly Preset[] = ['last12', 'last3', 'thisYear', 'lastYear'];

/** A preset period on the organization's clock; "last 12 months" is the server's default (empty). */
export function presetRange(preset: Preset, timeZone: string, now = new Date()): { from: string; to: string } {
  const today = todayIn(timeZone, now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (preset === 'last3') return { from: isoDay(new Date(y, m - 3, 1)), to: today };
  if (preset === 'thisYear') return { from: `${y}-01-01`, to: today };
  if (preset === 'lastYear') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  return { from: '', to: '' };
}
