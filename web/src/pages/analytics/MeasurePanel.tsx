// One measure on the page: its title, export buttons (CSV per table, XLSX with every table), the
// content (KPIs, charts and the tables behind them), the period it covers and how it is calculated (the server's notes, in the reader's language).
import type { ReactNode } from 'react';
import { LoadState } from '../../components/LoadState';
import { useFigures } from './format';
import { exportHref, type AnyMeasure, type MeasureName } from './measure';
import { useFilters } from './filters';

interface Props {
  name: MeasureName;
  title: string;
  intro?: ReactNode;
  data: AnyMeasure | undefined;
  loading: boolean;
  error: unknown;
  reload(): void;
  children?: ReactNode;
}

export function MeasurePanel({ name, title, intro, data, loading, error, reload, children }: Props) {
  const f = useFigures();
  const [filters] = useFilters();
  const tables = data ? Object.keys(data.columns) : [];
  // The files carry the notes in the page's language.
  const language = f.i18n.resolvedLanguage ?? f.i18n.language;
  return (
    <section className="card analytics-panel" aria-labelledby={`measure-${name}`} data-testid={`measure-${name}`}>
      <div className="card__header">
        <div>
          <h2 id={`measure-${name}`}>{title}</h2>
          {intro && <p className="muted">{intro}</p>}
          {data && <p className="muted small">{f.t('periodLine', { from: f.day(data.period.from), to: f.day(data.period.to) })}</p>}
        </div>
        {data && (
          <div className="export" role="group" aria-label={f.t('export.label', { title })}>
            {tables.map((table) => (
              <a key={table} className="button button--small" href={exportHref(name, filters, 'csv', table, language)} download data-testid={`export-${name}-${table}-csv`}>
                {tables.length > 1 ? f.t('export.csvTable', { table: f.t(`tables.${name}.${table}`, { defaultValue: table }) }) : f.t('export.csv')}
              </a>
            ))}
            <a className="button button--small" href={exportHref(name, filters, 'xlsx', undefined, language)} download data-testid={`export-${name}-xlsx`}>{f.t('export.xlsx')}</a>
          </div>
        )}
      </div>
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : (
        <>
          {children}
          {data.notes.length > 0 && (
            <details className="analytics-notes">
              <summary>{f.t('notes')}</summary>
              <ul>{data.notes.map((n) => <li key={n.code}>{f.note(n)}</li>)}</ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** A row of headline figures above a chart. */
export function Kpis({ items }: { items: { label: string; value: string; note?: string; tone?: 'warning' | 'danger'; testId?: string }[] }) {
  return (
    <div className="stats analytics-kpis">
      {items.map((k) => (
        <div key={k.label} className={`stat${k.tone ? ` stat--${k.tone}` : ''}`} data-testid={k.testId}>
          <span className="stat__label">{k.label}</span>
          <span className="stat__value">{k.value}</span>
          {k.note && <span className="stat__note">{k.note}</span>}
        </div>
      ))}
    </div>
  );
}

/** A chart and the table behind it, side by side when there is room (stacked for wide tables). */
export function ChartWithTable({ chart, table, tableTitle, stacked }: { chart: ReactNode; table: ReactNode; tableTitle: string; stacked?: boolean }) {
  return (
    <div className={stacked ? 'chart-table chart-table--stacked' : 'chart-table'}>
      <div className="chart-table__chart">{chart}</div>
      <details className="chart-table__table" open>
        <summary>{tableTitle}</summary>
        {table}
      </details>
    </div>
  );
}
