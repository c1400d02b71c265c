-- Analytics settings per organization: RFM thresholds, ABC/XYZ limits, ladder windows, alert levels and
-- the CLV options the owner chose. One JSON document, validated by the analytics module (Zod) on write;
-- missing keys mean "the default", so new settings need no migration.
CREATE TABLE analytics_settings (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  settings        jsonb NOT NULL DEFAULT '{}',
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      uuid
);
