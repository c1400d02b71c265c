// How a measure is described: its tables (columns with a label and a kind, which drive the response
// schema, the CSV/XLSX exports and the web app's tables) and its summary (a Zod object), plus the
// function that computes it from the report's sources. Rows are flat: every value a string, a number
// or null, ready to chart (ordered series, a label column and value columns).
import { z } from 'zod';
import type { Note } from '../notes.js';
import type { Sources } from '../sources.js';

/**
 * money: integer minor units of the organization's currency; share: a fraction 0–1; percent: already
 * × 100; month: 'YYYY-MM'; date: 'YYYY-MM-DD'; boolean: true/false.
 */
export type ColumnKind = 'text' | 'month' | 'date' | 'integer' | 'number' | 'money' | 'share' | 'percent' | 'boolean';

export interface Column { key: string; label: string; kind: ColumnKind; nullable?: boolean }

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface MeasureOutput {
  summary: Record<string, unknown>;
  tables: Record<string, Row[]>;
  /** What the figures leave out or assume, as codes the readers' languages have sentences for (notes.ts). */
  notes: Note[];
}

export interface MeasureOptions {
  /** Rows of per-customer lists (top customers, slipping away). */
  limit: number;
}

export interface Measure {
  name: string;
  title: string;
  /** The tables in order; the first is the one a CSV export gives unless another is asked for. */
  tables: Record<string, Column[]>;
  summary: z.ZodType;
  compute(sources: Sources, options: MeasureOptions): Promise<MeasureOutput>;
}

export const col = (key: string, label: string, kind: ColumnKind, nullable = false): Column => ({ key, label, kind, nullable });

function cellSchema(c: Column): z.ZodType {
  const base = c.kind === 'text' || c.kind === 'month' || c.kind === 'date' ? z.string()
    : c.kind === 'boolean' ? z.boolean()
      : c.kind === 'integer' ? z.number().int() : z.number();
  return c.nullable ? base.nullable() : base;
}

export function rowSchema(columns: readonly Column[]) {
  return z.object(Object.fromEntries(columns.map((c) => [c.key, cellSchema(c)])));
}

export const columnSchema = z.object({
  key: z.string(), label: z.string(),
  kind: z.enum(['text', 'month', 'date', 'integer', 'number', 'money', 'share', 'percent', 'boolean']),
  nullable: z.boolean(),
}).meta({ id: 'AnalyticsColumn' });

/** NaN and ±Infinity are not JSON: report them as null. */
export const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
