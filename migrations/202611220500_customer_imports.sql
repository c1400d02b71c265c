-- Imports of the customer base and of purchase history from spreadsheets (docs/import.md).
--
-- An import is a session: the uploaded file, what we read from it (encoding, delimiter, header, the first
-- rows, per-column statistics), the user's mapping, and, once it ran, its report. The file itself is kept in
-- PostgreSQL as bytea chunks of 1 MiB (import_file_chunks) rather than as a large object: chunks go away
-- with their session by ON DELETE CASCADE and with the tenant's rows in a backup, need no lo_unlink
-- bookkeeping, and the job reads them one at a time, so a 100 MB upload never has to be in memory whole.
-- STORAGE EXTERNAL skips compression: uploads are written once and read once or twice.
CREATE TABLE import_sessions (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  kind            text NOT NULL CHECK (kind IN ('customers', 'purchases')),
  origin          text NOT NULL CHECK (origin IN ('file', 'paste')),
  file_name       text CHECK (length(file_name) <= 300),
  file_size       bigint NOT NULL CHECK (file_size >= 0),
  format          text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- how the file was read: what the user forced ({encoding, delimiter, sheet, header}) and what we found
  source_options  jsonb NOT NULL DEFAULT '{}',
  encoding        text,
  encoding_detected_by text,
  delimiter       text,
  sheet           text,
  sheets          text[] NOT NULL DEFAULT '{}',
  has_header      boolean NOT NULL,
  header          text[],
  preview         jsonb NOT NULL,          -- [{line, cells}] of the first rows
  columns         jsonb NOT NULL,          -- per column: header, guess, samples, date-shape counts
  parse_problems  jsonb NOT NULL DEFAULT '[]',
  rows_total      integer NOT NULL CHECK (rows_total >= 0),
  mapping         jsonb,                   -- the user's mapping and options; null until confirmed
  status          text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  phase           text CHECK (phase IN ('reading', 'matching', 'saving')),
  rows_read       integer NOT NULL DEFAULT 0,
  rows_saved      integer NOT NULL DEFAULT 0,
  job_id          uuid,
  report          jsonb,                   -- counts when done
  error           jsonb,                   -- {code, message} when failed
  created_by      uuid,
  started_by      jsonb,                   -- the actor that started it: {staffId, apiKeyId, role}
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  started_at      timestamptz,
  finished_at     timestamptz,
  UNIQUE (organization_id, id)
);
CREATE INDEX import_sessions_org_created ON import_sessions (organization_id, created_at DESC, id DESC);

CREATE TABLE import_file_chunks (
  session_id      uuid NOT NULL,
  organization_id uuid NOT NULL,
  seq             integer NOT NULL CHECK (seq >= 0),
  bytes           bytea NOT NULL,
  PRIMARY KEY (session_id, seq),
  FOREIGN KEY (organization_id, session_id) REFERENCES import_sessions (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE import_file_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Rows the import rejected (severity 'error') and rows it changed on the way in (severity 'warning',
-- e.g. stripped characters). `cells` is the row as it was in the file, so the report CSV can be fixed in a
-- spreadsheet and imported again.
CREATE TABLE import_row_issues (
  session_id      uuid NOT NULL,
  organization_id uuid NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('error', 'warning')),
  line            integer NOT NULL,
  problems        jsonb NOT NULL,          -- [{field, reason, value}]
  message         text NOT NULL,
  cells           text[] NOT NULL,
  PRIMARY KEY (session_id, severity, line),
  FOREIGN KEY (organization_id, session_id) REFERENCES import_sessions (organization_id, id) ON DELETE CASCADE
);
