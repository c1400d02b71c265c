// Analytics tables as Kysely sees them (migrations/202611220400_analytics_settings.sql). Purchases are
// loyalty's table and are read with plain SQL in store.ts, not declared here.
import type { ColumnType } from 'kysely';

export interface AnalyticsSettingsTable {
  organization_id: string;
  settings: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
  updated_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    analytics_settings: AnalyticsSettingsTable;
  }
}
