// Tenancy SQL. Tenant tables are reached through `scoped()`; the few global look-ups (login by e-mail,
// session and API-key resolution) are the ways *into* a tenant and are marked as such.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import type { ApiKeysTable, MerchantsTable, OrganizationsTable, OutletsTable, StaffTable } from './tables.js';
import './tables.js';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type MerchantRow = Selectable<MerchantsTable>;
export type OutletRow = Selectable<OutletsTable>;
export type StaffRow = Selectable<StaffTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** An empty PATCH changes nothing: answer with the row as it is (SQL has no empty SET). */
const isEmpty = (values: object) => Object.values(values).every((v) => v === undefined);

const STAFF_COLUMNS = ['id', 'organization_id', 'email', 'name', 'role', 'locale', 'active', 'created_at', 'updated_at'] as const;

export const tenancyStore = {
  // ---- ways into a tenant (global look-ups) ----
  countOrganizations: async (db: Db) => Number((await db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),

  staffByEmailForLogin: (db: Db, email: string) =>
    db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst(),

  recentLoginFailures: async (db: Db, email: string, ip: string, since: Date) => {
    const row = await db
      .selectFrom('login_failures')
      .select((eb) => [
        eb.fn.count<number>(eb.case().when('email', '=', email).then(1).end()).as('by_email'),
        eb.fn.count<number>(eb.case().when('ip', '=', ip).then(1).end()).as('by_ip'),
      ])
      .where('at', '>', since)
      .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
      .executeTakeFirstOrThrow();
    return { byEmail: Number(row.by_email), byIp: Number(row.by_ip) };
  },

  recordLoginFailure: (db: Db, row: { id: string; email: string; ip: string; at: Date }) =>
    db.insertInto('login_failures').values(row).execute(),

  clearLoginFailures: (db: Db, email: string) => db.deleteFrom('login_failures').where('email', '=', email).execute(),

  sessionByTokenHash: (db: Db, tokenHash: string, now: Date) =>
    db
      .selectFrom('sessions')
      .innerJoin('staff', 'staff.id', 'sessions.staff_id')
      .select(['sessions.token_hash', 'sessions.organization_id', 'sessions.staff_id', 'sessions.last_seen_at', 'staff.role', 'staff.active'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst(),

  touchSession: (db: Db, tokenHash: string, now: Date, expiresAt: Date) =>
    db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute(),

  insertSession: (db: Db, row: { token_hash: string; organization_id: string; staff_id: string; created_at: Date; expires_at: Date; last_seen_at: Date }) =>
    db.insertInto('sessions').values(row).execute(),

  deleteSession: (db: Db, tokenHash: string) => db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute(),

  apiKeyByPrefix: (db: Db, prefix: string) =>
    db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).where('revoked_at', 'is', null).executeTakeFirst(),

  markApiKeyUsed: (db: Db, id: string, now: Date) =>
    db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute(),

  deleteExpired: async (db: Db, now: Date, failuresBefore: Date) => {
    const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    const failures = await db.deleteFrom('login_failures').where('at', '<', failuresBefore).executeTakeFirst();
    return { sessions: Number(sessions.numDeletedRows), loginFailures: Number(failures.numDeletedRows) };
  },

  insertOrganization: (db: Db, row: { id: string; name: string; currency: string; time_zone: string; locale: string; country: string | null; created_at: Date }) =>
    db.insertInto('organizations').values(row).execute(),

  // ---- inside a tenant ----
  organization: (db: Db, scope: TenantScope) =>
    db.selectFrom('organizations').selectAll().where('id', '=', scope.organizationId).executeTakeFirstOrThrow(),

  updateOrganization: (db: Db, scope: TenantScope, values: Partial<Pick<OrganizationRow, 'name' | 'currency' | 'time_zone' | 'locale' | 'country'>>) =>
    isEmpty(values)
      ? tenancyStore.organization(db, scope)
      : db.updateTable('organizations').set(values).where('id', '=', scope.organizationId).returningAll().executeTakeFirstOrThrow(),

  merchants: (db: Db, scope: TenantScope) => scoped(db, scope).selectFrom('merchants').selectAll().orderBy('created_at').orderBy('id').execute(),
  merchant: (db: Db, scope: TenantScope, id: string) => scoped(db, scope).selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst(),
  insertMerchant: (db: Db, scope: TenantScope, row: { id: string; name: string; created_at: Date }) =>
    scoped(db, scope).insertInto('merchants', row).returningAll().executeTakeFirstOrThrow(),
  updateMerchant: (db: Db, scope: TenantScope, id: string, values: { name?: string }) =>
    isEmpty(values)
      ? tenancyStore.merchant(db, scope, id)
      : scoped(db, scope).updateTable('merchants', values).where('id', '=', id).returningAll().executeTakeFirst(),

  outlets: (db: Db, scope: TenantScope) => scoped(db, scope).selectFrom('outlets').selectAll().orderBy('created_at').orderBy('id').execute(),
  outlet: (db: Db, scope: TenantScope, id: string) => scoped(db, scope).selectFrom('outlets').selectAll().where('id', '=', id).executeTakeFirst(),
  insertOutlet: (db: Db, scope: TenantScope, row: Omit<OutletRow, 'organization_id' | 'active'> & { active?: boolean }) =>
    scoped(db, scope).insertInto('outlets', row).returningAll().executeTakeFirstOrThrow(),
  updateOutlet: (db: Db, scope: TenantScope, id: string, values: Partial<Pick<OutletRow, 'name' | 'kind' | 'address' | 'time_zone' | 'active' | 'merchant_id'>>) =>
    isEmpty(values)
      ? tenancyStore.outlet(db, scope, id)
      : scoped(db, scope).updateTable('outlets', values).where('id', '=', id).returningAll().executeTakeFirst(),

  staffList: (db: Db, scope: TenantScope) => scoped(db, scope).selectFrom('staff').select(STAFF_COLUMNS).orderBy('created_at').orderBy('id').execute(),
  staffMember: (db: Db, scope: TenantScope, id: string) => scoped(db, scope).selectFrom('staff').select(STAFF_COLUMNS).where('id', '=', id).executeTakeFirst(),
  activeOwnerCount: async (db: Db, scope: TenantScope) =>
    Number((await scoped(db, scope).selectFrom('staff').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'owner').where('active', '=', true).executeTakeFirstOrThrow()).n),
  insertStaff: (db: Db, scope: TenantScope, row: Omit<StaffRow, 'organization_id' | 'active' | 'updated_at'>) =>
    scoped(db, scope).insertInto('staff', row).returning(STAFF_COLUMNS).executeTakeFirstOrThrow(),
  updateStaff: (db: Db, scope: TenantScope, id: string, values: Partial<Pick<StaffRow, 'name' | 'role' | 'active' | 'locale' | 'password_hash' | 'email'>> & { updated_at: Date }) =>
    scoped(db, scope).updateTable('staff', values).where('id', '=', id).returning(STAFF_COLUMNS).executeTakeFirst(),
  deleteSessionsOfStaff: (db: Db, scope: TenantScope, staffId: string) => scoped(db, scope).deleteFrom('sessions').where('staff_id', '=', staffId).execute(),

  apiKeys: (db: Db, scope: TenantScope) => scoped(db, scope).selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute(),
  insertApiKey: (db: Db, scope: TenantScope, row: Omit<ApiKeyRow, 'organization_id' | 'last_used_at' | 'revoked_at'>) =>
    scoped(db, scope).insertInto('api_keys', row).returningAll().executeTakeFirstOrThrow(),
  revokeApiKey: (db: Db, scope: TenantScope, id: string, now: Date) =>
    scoped(db, scope).updateTable('api_keys', { revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst(),
  apiKey: (db: Db, scope: TenantScope, id: string) => scoped(db, scope).selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),

  insertAudit: (db: Db, scope: TenantScope, row: { id: string; actor_staff_id: string | null; actor_api_key_id: string | null; action: string; entity: string; entity_id: string | null; details: string; at: Date }) =>
    scoped(db, scope).insertInto('audit_log', row).execute(),
  audit: (db: Db, scope: TenantScope, limit: number, before?: Date) => {
    let q = scoped(db, scope).selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit);
    if (before) q = q.where('at', '<', before);
    return q.execute();
  },
};
