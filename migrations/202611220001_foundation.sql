-- Foundation: extensions, tenancy (organizations, merchants, outlets, staff, sessions, API keys),
-- login throttling, audit log and the job tables used by the scheduler and the work queue.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE organizations (
  id          uuid PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  currency    char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  time_zone   text NOT NULL,
  locale      text NOT NULL DEFAULT 'en',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE merchants (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, name),
  UNIQUE (organization_id, id)
);

CREATE TABLE outlets (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  merchant_id     uuid NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind            text NOT NULL CHECK (kind IN ('shop', 'salon', 'office', 'online', 'pos')),
  address         text,
  time_zone       text,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  -- an outlet belongs to a merchant of the same organization
  FOREIGN KEY (organization_id, merchant_id) REFERENCES merchants (organization_id, id)
);

CREATE TABLE staff (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  email           citext NOT NULL UNIQUE,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role            text NOT NULL CHECK (role IN ('owner', 'manager', 'cashier', 'analyst')),
  password_hash   text NOT NULL,
  locale          text,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id)
);

-- Sessions live in the database so they survive restarts and work on every node.
-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash      text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  staff_id        uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_keys (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  outlet_id       uuid NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  prefix          text NOT NULL UNIQUE,
  key_hash        text NOT NULL,
  created_by      uuid REFERENCES staff(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz,
  FOREIGN KEY (organization_id, outlet_id) REFERENCES outlets (organization_id, id)
);

-- Failed logins, counted across all nodes to throttle guessing.
CREATE TABLE login_failures (
  id     uuid PRIMARY KEY,
  email  citext NOT NULL,
  ip     text NOT NULL,
  at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE audit_log (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  actor_staff_id  uuid,
  actor_api_key_id uuid,
  action          text NOT NULL,
  entity          text NOT NULL,
  entity_id       text,
  details         jsonb NOT NULL DEFAULT '{}',
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_at ON audit_log (organization_id, at DESC);

-- Recurring jobs: one row per job; a node runs a job by moving next_run_at forward in one UPDATE,
-- so exactly one node wins each due run however many are polling.
CREATE TABLE scheduled_jobs (
  name          text PRIMARY KEY,
  next_run_at   timestamptz NOT NULL,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_error    text,
  running_until timestamptz
);

-- Queued work (imports, exports, recalculations): claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE job_queue (
  id              uuid PRIMARY KEY,
  organization_id uuid REFERENCES organizations(id),
  kind            text NOT NULL,
  payload         jsonb NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at          timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL DEFAULT 3,
  locked_until    timestamptz,
  progress_done   bigint NOT NULL DEFAULT 0,
  progress_total  bigint,
  result          jsonb,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX job_queue_ready ON job_queue (run_at) WHERE status IN ('queued', 'running');
