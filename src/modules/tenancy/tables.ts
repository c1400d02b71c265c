// Tenancy tables as Kysely sees them (see migrations/202611220001_foundation.sql).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OrganizationsTable {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  locale: Generated<string>;
  /** ISO 3166-1 alpha-2; the default country for local phone numbers. */
  country: string | null;
  created_at: CreatedAt;
}

export interface MerchantsTable {
  id: string;
  organization_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface OutletsTable {
  id: string;
  organization_id: string;
  merchant_id: string;
  name: string;
  kind: 'shop' | 'salon' | 'office' | 'online' | 'pos';
  address: string | null;
  time_zone: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface StaffTable {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  role: 'owner' | 'manager' | 'cashier' | 'analyst';
  password_hash: string;
  locale: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionsTable {
  token_hash: string;
  organization_id: string;
  staff_id: string;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  outlet_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  ip: string;
  at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AuditLogTable {
  id: string;
  organization_id: string;
  actor_staff_id: string | null;
  actor_api_key_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    organizations: OrganizationsTable;
    merchants: MerchantsTable;
    outlets: OutletsTable;
    staff: StaffTable;
    sessions: SessionsTable;
    api_keys: ApiKeysTable;
    login_failures: LoginFailuresTable;
    audit_log: AuditLogTable;
  }
}
