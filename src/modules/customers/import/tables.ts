// Import tables as Kysely sees them (migrations/202611220500_customer_imports.sql).
import type { ColumnType, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export type ImportKind = 'customers' | 'purchases';
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';
export type ImportPhase = 'reading' | 'matching' | 'saving';

export interface PreviewRow { line: number; cells: string[] }

export interface ImportSessionsTable {
  id: string;
  organization_id: string;
  kind: ImportKind;
  origin: 'file' | 'paste';
  file_name: string | null;
  file_size: number;
  format: 'csv' | 'xlsx';
  source_options: Json<Record<string, unknown>>;
  encoding: string | null;
  encoding_detected_by: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  has_header: boolean;
  header: string[] | null;
  preview: Json<PreviewRow[]>;
  columns: Json<unknown[]>;
  parse_problems: Json<unknown[]>;
  rows_total: number;
  mapping: NullableJson<unknown>;
  status: ImportStatus;
  phase: ImportPhase | null;
  rows_read: number;
  rows_saved: number;
  job_id: string | null;
  report: NullableJson<unknown>;
  error: NullableJson<{ code: string; message: string }>;
  created_by: string | null;
  started_by: NullableJson<{ staffId: string | null; apiKeyId: string | null; role: string }>;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ImportFileChunksTable {
  session_id: string;
  organization_id: string;
  seq: number;
  bytes: Buffer;
}

export interface ImportRowIssuesTable {
  session_id: string;
  organization_id: string;
  severity: 'error' | 'warning';
  line: number;
  problems: Json<Array<{ field: string; reason: string; value?: string }>>;
  message: string;
  cells: string[];
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    import_sessions: ImportSessionsTable;
    import_file_chunks: ImportFileChunksTable;
    import_row_issues: ImportRowIssuesTable;
  }
}
