// Tenancy use cases: organizations, merchants, outlets, staff, sessions, API keys, audit.
// Each command validates, runs in one transaction and returns plain data (camelCase DTOs).
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/database.js';
import type { ServiceContext } from '../../platform/context.js';
import { isCurrencyCode } from '../../platform/money.js';
import { isTimeZone } from '../../platform/time.js';
import { can, type Actor, type Permission, type StaffRole } from './domain/roles.js';
import { forgetApiKey } from './api-key-cache.js';
import { sha256 } from '../../platform/hashing.js';
import { apiKeyPrefix, generatePassword, hashPassword, newApiKey, newSessionToken, sameHash, verifyPassword } from './secrets.js';
import { tenancyStore as store, type ApiKeyRow, type MerchantRow, type OrganizationRow, type OutletRow, type StaffRow } from './store.js';

export type OutletKind = OutletRow['kind'];

export const toOrganization = (r: OrganizationRow) => ({ id: r.id, name: r.name, currency: r.currency, timeZone: r.time_zone, locale: r.locale, country: r.country, createdAt: r.created_at.toISOString() });
export const toMerchant = (r: MerchantRow) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString() });
export const toOutlet = (r: OutletRow) => ({ id: r.id, merchantId: r.merchant_id, name: r.name, kind: r.kind, address: r.address, timeZone: r.time_zone, active: r.active, createdAt: r.created_at.toISOString() });
export const toStaff = (r: Omit<StaffRow, 'password_hash'>) => ({ id: r.id, email: r.email, name: r.name, role: r.role, locale: r.locale, active: r.active, createdAt: r.created_at.toISOString() });
export const toApiKey = (r: ApiKeyRow) => ({ id: r.id, name: r.name, outletId: r.outlet_id, prefix: r.prefix, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null });

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw forbidden(`Your role (${actor.role}) does not allow ${permission}`, { permission });
}

function checkCurrency(currency: string) {
  if (!isCurrencyCode(currency)) throw new AppError('validation_failed', `currency: "${currency}" is not an ISO 4217 currency code`, { issues: [{ path: 'currency', message: 'not an ISO 4217 currency code' }] });
}
function checkTimeZone(tz: string, field = 'timeZone') {
  if (!isTimeZone(tz)) throw new AppError('validation_failed', `${field}: "${tz}" is not an IANA time zone`, { issues: [{ path: field, message: 'not an IANA time zone' }] });
}

export async function audit(db: Db, ctx: ServiceContext, actor: Actor, action: string, entity: string, entityId: string | null, details: Record<string, unknown> = {}): Promise<void> {
  await store.insertAudit(db, actor, {
    id: ctx.ids.next(), actor_staff_id: actor.staffId, actor_api_key_id: actor.apiKeyId, action, entity, entity_id: entityId,
    details: JSON.stringify(details), at: ctx.clock.now(),
  });
}

// ---------------- organizations ----------------

export interface NewOrganization {
  name: string; currency: string; timeZone: string; locale?: string; country?: string | null;
  merchantName?: string;
  outlet?: { name: string; kind: OutletKind; address?: string | null };
  owner: { email: string; name: string; password?: string };
}

/** Creates a business with its first merchant, outlet and owner. Returns the owner's password if generated. */
export async function createOrganization(ctx: ServiceContext, input: NewOrganization) {
  checkCurrency(input.currency);
  checkTimeZone(input.timeZone);
  const password = input.owner.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const organizationId = ctx.ids.next();
      await store.insertOrganization(tx, { id: organizationId, name: input.name, currency: input.currency, time_zone: input.timeZone, locale: input.locale ?? 'en', country: input.country ?? null, created_at: now });
      const scope = { organizationId };
      const merchant = await store.insertMerchant(tx, scope, { id: ctx.ids.next(), name: input.merchantName ?? input.name, created_at: now });
      const outlet = await store.insertOutlet(tx, scope, { id: ctx.ids.next(), merchant_id: merchant.id, name: input.outlet?.name ?? input.name, kind: input.outlet?.kind ?? 'shop', address: input.outlet?.address ?? null, time_zone: null, created_at: now });
      const owner = await store.insertStaff(tx, scope, { id: ctx.ids.next(), email: input.owner.email, name: input.owner.name, role: 'owner', password_hash: passwordHash, locale: null, created_at: now });
      const organization = await store.organization(tx, scope);
      return { organization: toOrganization(organization), merchant: toMerchant(merchant), outlet: toOutlet(outlet), owner: toStaff(owner), ownerPassword: input.owner.password ? null : password };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'staff_email_key')) throw conflict('email_taken', `A staff account with the e-mail ${input.owner.email} already exists`, { field: 'owner.email' });
    throw e;
  }
}

export const countOrganizations = (ctx: ServiceContext) => store.countOrganizations(ctx.db);

/** Whether any organization has a staff account with this e-mail (e-mails are unique across organizations). */
export const staffEmailExists = async (ctx: ServiceContext, email: string) => (await store.staffByEmailForLogin(ctx.db, email)) !== undefined;

export async function getOrganization(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'organization.read');
  return toOrganization(await store.organization(ctx.db, actor));
}

export async function updateOrganization(ctx: ServiceContext, actor: Actor, patch: { name?: string; currency?: string; timeZone?: string; locale?: string; country?: string | null }) {
  requirePermission(actor, 'organization.manage');
  if (patch.currency !== undefined) checkCurrency(patch.currency);
  if (patch.timeZone !== undefined) checkTimeZone(patch.timeZone);
  return inTransaction(ctx.db, async (tx) => {
    const row = await store.updateOrganization(tx, actor, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
      ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      ...(patch.country !== undefined && { country: patch.country }),
    });
    await audit(tx, ctx, actor, 'organization.updated', 'organization', actor.organizationId, patch);
    return toOrganization(row);
  });
}

// ---------------- merchants and outlets ----------------

export async function listMerchants(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'organization.read');
  return (await store.merchants(ctx.db, actor)).map(toMerchant);
}

export async function createMerchant(ctx: ServiceContext, actor: Actor, input: { name: string }) {
  requirePermission(actor, 'outlets.manage');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await store.insertMerchant(tx, actor, { id: ctx.ids.next(), name: input.name, created_at: ctx.clock.now() });
      await audit(tx, ctx, actor, 'merchant.created', 'merchant', row.id, input);
      return toMerchant(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('merchant_name_taken', `A merchant named "${input.name}" already exists`, { field: 'name' });
    throw e;
  }
}

export async function updateMerchant(ctx: ServiceContext, actor: Actor, id: string, patch: { name?: string }) {
  requirePermission(actor, 'outlets.manage');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await store.updateMerchant(tx, actor, id, patch);
      if (!row) throw notFound('merchant', { id });
      await audit(tx, ctx, actor, 'merchant.updated', 'merchant', id, patch);
      return toMerchant(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('merchant_name_taken', `A merchant named "${patch.name}" already exists`, { field: 'name' });
    throw e;
  }
}

export async function listOutlets(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'organization.read');
  return (await store.outlets(ctx.db, actor)).map(toOutlet);
}

export interface OutletInput { merchantId: string; name: string; kind: OutletKind; address?: string | null; timeZone?: string | null; active?: boolean }

export async function createOutlet(ctx: ServiceContext, actor: Actor, input: OutletInput) {
  requirePermission(actor, 'outlets.manage');
  if (input.timeZone) checkTimeZone(input.timeZone);
  return inTransaction(ctx.db, async (tx) => {
    if (!(await store.merchant(tx, actor, input.merchantId))) throw notFound('merchant', { field: 'merchantId', id: input.merchantId });
    const row = await store.insertOutlet(tx, actor, {
      id: ctx.ids.next(), merchant_id: input.merchantId, name: input.name, kind: input.kind, address: input.address ?? null,
      time_zone: input.timeZone ?? null, created_at: ctx.clock.now(), ...(input.active !== undefined && { active: input.active }),
    });
    await audit(tx, ctx, actor, 'outlet.created', 'outlet', row.id, { ...input });
    return toOutlet(row);
  });
}

export async function updateOutlet(ctx: ServiceContext, actor: Actor, id: string, patch: Partial<OutletInput>) {
  requirePermission(actor, 'outlets.manage');
  if (patch.timeZone) checkTimeZone(patch.timeZone);
  return inTransaction(ctx.db, async (tx) => {
    if (patch.merchantId && !(await store.merchant(tx, actor, patch.merchantId))) throw notFound('merchant', { field: 'merchantId', id: patch.merchantId });
    const row = await store.updateOutlet(tx, actor, id, {
      ...(patch.merchantId !== undefined && { merchant_id: patch.merchantId }),
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.address !== undefined && { address: patch.address }),
      ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
      ...(patch.active !== undefined && { active: patch.active }),
    });
    if (!row) throw notFound('outlet', { id });
    await audit(tx, ctx, actor, 'outlet.updated', 'outlet', id, { ...patch });
    return toOutlet(row);
  });
}

// ---------------- staff ----------------

export async function listStaff(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'staff.read');
  return (await store.staffList(ctx.db, actor)).map(toStaff);
}

export async function createStaff(ctx: ServiceContext, actor: Actor, input: { email: string; name: string; role: StaffRole; password: string; locale?: string | null }) {
  requirePermission(actor, 'staff.manage');
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await store.insertStaff(tx, actor, { id: ctx.ids.next(), email: input.email, name: input.name, role: input.role, password_hash: passwordHash, locale: input.locale ?? null, created_at: ctx.clock.now() });
      await audit(tx, ctx, actor, 'staff.created', 'staff', row.id, { email: input.email, role: input.role });
      return toStaff(row);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'staff_email_key')) throw conflict('email_taken', `A staff account with the e-mail ${input.email} already exists`, { field: 'email' });
    throw e;
  }
}

export async function updateStaff(ctx: ServiceContext, actor: Actor, id: string, patch: { name?: string; role?: StaffRole; active?: boolean; password?: string; locale?: string | null }) {
  // Staff may change their own name, password and language; everything else is the owner's.
  const self = actor.staffId === id;
  if (!self || patch.role !== undefined || patch.active !== undefined) requirePermission(actor, 'staff.manage');
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  return inTransaction(ctx.db, async (tx) => {
    const before = await store.staffMember(tx, actor, id);
    if (!before) throw notFound('staff', { id });
    const losesOwner = before.role === 'owner' && before.active && ((patch.role !== undefined && patch.role !== 'owner') || patch.active === false);
    if (losesOwner && (await store.activeOwnerCount(tx, actor)) <= 1) {
      throw conflict('last_owner', 'The organization must keep at least one active owner', { field: patch.role !== undefined ? 'role' : 'active' });
    }
    const row = await store.updateStaff(tx, actor, id, {
      updated_at: ctx.clock.now(),
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.active !== undefined && { active: patch.active }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      ...(passwordHash !== undefined && { password_hash: passwordHash }),
    });
    if (!row) throw notFound('staff', { id });
    // A deactivated account or a new password ends the sessions that were open with the old state.
    if (patch.active === false || (passwordHash !== undefined && !self)) await store.deleteSessionsOfStaff(tx, actor, id);
    const { password: _password, ...logged } = patch;
    await audit(tx, ctx, actor, 'staff.updated', 'staff', id, { ...logged, passwordChanged: passwordHash !== undefined });
    return toStaff(row);
  });
}

// ---------------- API keys ----------------

export async function listApiKeys(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'apikeys.manage');
  return (await store.apiKeys(ctx.db, actor)).map(toApiKey);
}

/** Creates a key for one outlet; the secret is returned once and only its hash is kept. */
export async function createApiKey(ctx: ServiceContext, actor: Actor, input: { name: string; outletId: string }) {
  requirePermission(actor, 'apikeys.manage');
  const { key, prefix } = newApiKey();
  return inTransaction(ctx.db, async (tx) => {
    if (!(await store.outlet(tx, actor, input.outletId))) throw notFound('outlet', { field: 'outletId', id: input.outletId });
    const row = await store.insertApiKey(tx, actor, { id: ctx.ids.next(), outlet_id: input.outletId, name: input.name, prefix, key_hash: sha256(key), created_by: actor.staffId, created_at: ctx.clock.now() });
    await audit(tx, ctx, actor, 'apikey.created', 'api_key', row.id, { name: input.name, outletId: input.outletId, prefix });
    return { apiKey: toApiKey(row), secret: key };
  });
}

export async function revokeApiKey(ctx: ServiceContext, actor: Actor, id: string) {
  requirePermission(actor, 'apikeys.manage');
  return inTransaction(ctx.db, async (tx) => {
    const row = await store.revokeApiKey(tx, actor, id, ctx.clock.now());
    if (!row) {
      if (await store.apiKey(tx, actor, id)) throw conflict('api_key_revoked', 'This API key is already revoked');
      throw notFound('api_key', { id });
    }
    await audit(tx, ctx, actor, 'apikey.revoked', 'api_key', id, { prefix: row.prefix });
    return toApiKey(row);
  }).finally(() => forgetApiKey(id)); // also when the commit failed: the next request asks the database
}

// ---------------- audit ----------------

export async function listAudit(ctx: ServiceContext, actor: Actor, options: { limit: number; before?: Date }) {
  requirePermission(actor, 'audit.read');
  const rows = await store.audit(ctx.db, actor, options.limit, options.before);
  return rows.map((r) => ({ id: r.id, action: r.action, entity: r.entity, entityId: r.entity_id, staffId: r.actor_staff_id, apiKeyId: r.actor_api_key_id, details: r.details as Record<string, unknown>, at: r.at.toISOString() }));
}

export { apiKeyPrefix, sameHash, sha256, newSessionToken, verifyPassword };
