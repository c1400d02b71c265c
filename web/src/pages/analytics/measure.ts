// Loading one analytics measure with the page's filters. Each measure's answer is typed from the
// OpenAPI document (web/src/api/schema.d.ts): its summary, its tables and the columns behind them.
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { useLoad, type Loaded } from '../../components/useLoad';
import type { Filters } from './filters';

export type MeasureName =
  | 'pareto' | 'ladder' | 'rfm' | 'abc-xyz' | 'retention' | 'new-returning' | 'cohorts' | 'frequency'
  | 'seasonality' | 'best-customers' | 'ltv' | 'clv' | 'slipping-away' | 'key-customers' | 'economics';

type Path<N extends MeasureName> = `/api/analytics/${N}`;
export type MeasureResult<N extends MeasureName> = paths[Path<N>]['get']['responses'][200]['content']['application/json'];
export type Column = components['schemas']['AnalyticsColumn'];
/** A note of a measure: a code the page has a sentence for, with the numbers in it. */
export type Note = components['schemas']['AnalyticsNote'];
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** What every measure's answer has, whatever its tables. */
export interface AnyMeasure {
  measure: string;
  title: string;
  period: { from: string; to: string; timeZone: string; currency: string; months: number };
  tables: Record<string, Row[]>;
  columns: Record<string, Column[]>;
  notes: Note[];
}

export function queryOf(filters: Filters, extra: Record<string, string | number> = {}): Record<string, string | number> {
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.outletId ? { outletId: filters.outletId } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...extra,
  };
}

export function useMeasure<N extends MeasureName>(name: N, filters: Filters, extra?: { limit?: number }): Loaded<MeasureResult<N>> {
  const limit = extra?.limit;
  const loader = useCallback(async () => {
    const query = queryOf(filters, limit ? { limit } : {});
    // One typed path stands for all: the measure's own answer type is restored from `paths` above.
    const answer = await unwrap(api.GET(`/api/analytics/${name}` as '/api/analytics/pareto', { params: { query } }));
    return answer as unknown as MeasureResult<N>;
  }, [name, filters, limit]);
  return useLoad(loader);
}

/** The file link of a measure's export (the session cookie authorizes the download); its notes in `language`. */
export function exportHref(name: MeasureName, filters: Filters, format: 'csv' | 'xlsx', table?: string, language?: string): string {
  const query = new URLSearchParams(Object.entries(queryOf(filters, { format, ...(table ? { table } : {}), ...(language ? { language } : {}) })).map(([k, v]) => [k, String(v)]));
  return `/api/analytics/${name}/export?${query.toString()}`;
}
