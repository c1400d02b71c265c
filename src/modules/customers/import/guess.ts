// The first guess of each column's field, shown pre-filled on the mapping screen.
import { guessMapping } from '../domain/columns.js';
import { guessPurchaseField } from './purchase-mapping.js';
import type { ImportKind } from './tables.js';

export interface ColumnGuessView { field: string | null; confidence: number; source: 'header' | 'values' | null }

export function guessColumns(kind: ImportKind, header: readonly string[] | null, sample: readonly (readonly string[])[]): ColumnGuessView[] {
  if (kind === 'customers') return guessMapping(header, sample).map((g) => ({ field: g.field, confidence: g.confidence, source: g.source }));
  const width = Math.max(header?.length ?? 0, ...sample.map((r) => r.length));
  const taken = new Set<string>();
  return Array.from({ length: width }, (_, i) => {
    const guess = header?.[i] !== undefined ? guessPurchaseField(header[i] as string) : null;
    // Each field once, the first column wins: "Сумма" and "Сумма скидки" are different fields anyway.
    if (!guess || taken.has(guess.field)) return { field: null, confidence: 0, source: null };
    taken.add(guess.field);
    return { field: guess.field, confidence: guess.confidence, source: 'header' as const };
  });
}
