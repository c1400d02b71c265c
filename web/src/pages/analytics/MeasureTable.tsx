// The table behind a chart: the measure's own rows and columns, formatted for the reader. Long lists
// show their first rows with a button for the rest.
import { useState, type ReactNode } from 'react';
import { columnLabel, useFigures } from './format';
import type { Column, Row } from './measure';

interface Props {
  measure: string;
  table: string;
  rows: Row[];
  columns: Column[];
  /** Columns to leave out (ids, or a label column doubled by another). */
  hide?: readonly string[];
  /** Rows shown before "show all". */
  initial?: number;
  /** A custom rendering for some cells (links to customers, badges). */
  render?: (column: Column, row: Row) => ReactNode | undefined;
  caption: string;
  testId?: string;
}

export function MeasureTable({ measure, table, rows, columns, hide = [], initial = 12, render, caption, testId }: Props) {
  const f = useFigures();
  const [all, setAll] = useState(false);
  const shown = columns.filter((c) => !hide.includes(c.key));
  const visible = all ? rows : rows.slice(0, initial);
  if (rows.length === 0) return <p className="muted">{f.t('noRows')}</p>;
  const numeric = (c: Column) => c.kind !== 'text' && c.kind !== 'month' && c.kind !== 'date' && c.kind !== 'boolean';
  return (
    <div className="table-wrap">
      <table className="table table--compact analytics-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>{shown.map((c) => <th key={c.key} className={numeric(c) ? 'num' : undefined} scope="col">{columnLabel(f, measure, table, c)}</th>)}</tr>
        </thead>
        <tbody>
          {visible.map((row, i) => (
            <tr key={i}>
              {shown.map((c) => {
                const custom = render?.(c, row);
                return <td key={c.key} className={numeric(c) ? 'num' : undefined}>{custom ?? <bdi>{f.cell(c, row[c.key] ?? null)}</bdi>}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > initial && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? f.t('showFewer') : f.t('showAll', { count: rows.length })}
        </button>
      )}
    </div>
  );
}
