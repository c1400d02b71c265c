// The receipt's lines, typed at the till: SKU (a scanner works here too), product group, quantity,
// unit price and, optionally, unit cost for the margin guard. Enter moves to the next line and opens a
// new one after the last; a line's × removes it.
import { useRef, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { newLine, type LineDraft, type LineField, type LineProblems } from './receipt';

interface Props {
  lines: LineDraft[];
  problems: LineProblems;
  locked: boolean;
  currencySymbol: string;
  onChange(lines: LineDraft[]): void;
}

const COLUMNS: readonly (keyof Omit<LineDraft, 'key'>)[] = ['sku', 'group', 'quantity', 'price', 'cost'];

export function LinesEditor({ lines, problems, locked, currencySymbol, onChange }: Props) {
  const { t } = useTranslation('checkout');
  const table = useRef<HTMLTableElement>(null);

  const set = (key: string, patch: Partial<LineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  // Focus moves at once, inside the key press: a scanner types the next code straight after Enter.
  const focus = (row: number, column: string) => {
    const input = table.current?.querySelector<HTMLInputElement>(`[data-row="${row}"][data-col="${column}"]`);
    input?.focus();
    input?.select();
  };
  const add = () => {
    flushSync(() => onChange([...lines, newLine()]));
    focus(lines.length, 'sku');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, row: number, column: string) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const col = COLUMNS.indexOf(column as (typeof COLUMNS)[number]);
    // Along the line first (SKU → group → quantity → price), then to the next line's SKU.
    if (col < COLUMNS.indexOf('price')) {
      focus(row, COLUMNS[col + 1]!);
      return;
    }
    if (row + 1 < lines.length) focus(row + 1, 'sku');
    else add();
  };
  const problem = (key: string, field: LineField) => {
    const p = problems[key]?.[field];
    return p ? t(`lines.problems.${p}`) : undefined;
  };

  return (
    <div className="table-wrap">
      <table className="table till-lines" ref={table} data-testid="receipt-lines">
        <thead>
          <tr>
            <th>{t('lines.sku')}</th><th>{t('lines.group')}</th><th className="num">{t('lines.quantity')}</th>
            <th className="num">{t('lines.price', { currency: currencySymbol })}</th><th className="num">{t('lines.cost', { currency: currencySymbol })}</th>
            <th><span className="sr-only">{t('lines.remove')}</span></th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, row) => (
            <tr key={l.key}>
              {COLUMNS.map((c) => {
                const error = c === 'group' ? undefined : problem(l.key, c);
                const numeric = c === 'quantity' || c === 'price' || c === 'cost';
                return (
                  <td key={c} className={numeric ? 'till-lines__num' : undefined}>
                    <input
                      className={`till-input${numeric ? ' till-input--num' : ''}`} value={l[c]} disabled={locked}
                      dir={numeric || c === 'sku' ? 'ltr' : 'auto'} inputMode={numeric ? 'decimal' : 'text'} autoComplete="off" spellCheck={false}
                      aria-label={`${t(`lines.${c === 'price' || c === 'cost' ? c + 'Short' : c}`)} ${row + 1}`} aria-invalid={error ? true : undefined}
                      placeholder={c === 'cost' ? '—' : undefined} title={c === 'cost' ? t('lines.optional') : undefined}
                      data-row={row} data-col={c} data-testid={`line-${row}-${c}`}
                      onChange={(e) => set(l.key, { [c]: e.target.value })} onKeyDown={(e) => onKeyDown(e, row, c)}
                    />
                    {error && <small className="field__error">{error}</small>}
                  </td>
                );
              })}
              <td className="cell--actions">
                {!locked && (
                  <button type="button" className="button button--till-icon" aria-label={t('lines.removeLine', { n: row + 1 })} title={t('lines.remove')}
                    onClick={() => onChange(lines.length > 1 ? lines.filter((x) => x.key !== l.key) : [newLine()])}>×</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!locked && <button type="button" className="button button--till-secondary" onClick={add} data-testid="add-line">+ {t('lines.add')}</button>}
    </div>
  );
}
