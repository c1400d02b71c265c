// Authentication use cases: login with throttling, sessions kept in PostgreSQL (valid on every node and
// after restarts), and API keys for POS systems. Requests resolve to an `Actor`.
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Actor } from './domain/roles.js';
import { apiKeyGeneration, cachedApiKey, rememberApiKey } from './api-key-cache.js';
import { sha256 } from '../../platform/hashing.js';
import { apiKeyPrefix, newSessionToken, sameHash, verifyPassword } from './secrets.js';
import { tenancyStore as store } from './store.js';
import { toOrganization, toStaff } from './service.js';

const FAILURE_WINDOW_MS = 15 * 60_000;
/** Refreshing `expires_at` on every request would be a write per request; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export interface AuthSettings { sessionTtlHours: number; loginMaxFailures: number }

export async function login(ctx: ServiceContext, settings: AuthSettings, input: { email: string; password: string; ip: string }) {
  const now = ctx.clock.now();
  const email = input.email.trim();
  const failures = await store.recentLoginFailures(ctx.db, email, input.ip, new Date(now.getTime() - FAILURE_WINDOW_MS));
  if (failures.byEmail >= settings.loginMaxFailures || failures.byIp >= settings.loginMaxFailures * 10) {
    throw new AppError('too_many_attempts', 'Too many failed logins; try again in 15 minutes', { retryAfterSeconds: FAILURE_WINDOW_MS / 1000 }, 'too_many');
  }
  const staff = await store.staffByEmailForLogin(ctx.db, email);
  const ok = await verifyPassword(staff?.password_hash ?? null, input.password);
  if (!staff || !ok || !staff.active) {
    await store.recordLoginFailure(ctx.db, { id: ctx.ids.next(), email, ip: input.ip, at: now });
    throw new AppError('invalid_credentials', 'Wrong e-mail or password', {}, 'unauthenticated');
  }
  const token = newSessionToken();
  await store.insertSession(ctx.db, {
    token_hash: sha256(token), organization_id: staff.organization_id, staff_id: staff.id,
    created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + settings.sessionTtlHours * 3_600_000),
  });
  await store.clearLoginFailures(ctx.db, email);
  return { token, ...(await whoAmI(ctx, { organizationId: staff.organization_id, staffId: staff.id })) };
}

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await store.deleteSession(ctx.db, sha256(token));
}

/** The actor behind a session cookie, or null when the session is unknown, expired or its account disabled. */
export async function actorFromSession(ctx: ServiceContext, settings: AuthSettings, token: string): Promise<Actor | null> {
  const now = ctx.clock.now();
  const tokenHash = sha256(token);
  const session = await store.sessionByTokenHash(ctx.db, tokenHash, now);
  if (!session || !session.active) return null;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await store.touchSession(ctx.db, tokenHash, now, new Date(now.getTime() + settings.sessionTtlHours * 3_600_000));
  }
  return { organizationId: session.organization_id, role: session.role, staffId: session.staff_id, apiKeyId: null, outletId: null };
}

/**
 * The actor behind an API key (`Authorization: Bearer rk_…`): the POS role at the key's outlet.
 * Resolved keys are kept for a few seconds (api-key-cache.ts), so a till's requests skip the look-up.
 */
export async function actorFromApiKey(ctx: ServiceContext, key: string): Promise<Actor | null> {
  const prefix = apiKeyPrefix(key);
  if (!prefix) return null;
  const keyHash = sha256(key);
  let known = cachedApiKey(keyHash);
  if (!known) {
    const since = apiKeyGeneration();
    const row = await store.apiKeyByPrefix(ctx.db, prefix);
    if (!row || !sameHash(row.key_hash, keyHash)) return null;
    known = { id: row.id, organizationId: row.organization_id, outletId: row.outlet_id, lastUsedAt: row.last_used_at?.getTime() ?? null };
    rememberApiKey(keyHash, known, since);
  }
  const now = ctx.clock.now();
  if (known.lastUsedAt === null || now.getTime() - known.lastUsedAt > TOUCH_EVERY_MS) {
    known.lastUsedAt = now.getTime();
    await store.markApiKeyUsed(ctx.db, known.id, now);
  }
  return { organizationId: known.organizationId, role: 'pos', staffId: null, apiKeyId: known.id, outletId: known.outletId };
}

export async function whoAmI(ctx: ServiceContext, who: { organizationId: string; staffId: string }) {
  const scope = { organizationId: who.organizationId };
  const [organization, staff] = await Promise.all([store.organization(ctx.db, scope), store.staffMember(ctx.db, scope, who.staffId)]);
  if (!staff) throw new AppError('unauthenticated', 'Please log in', {}, 'unauthenticated');
  return { organization: toOrganization(organization), staff: toStaff(staff) };
}

export async function cleanExpired(ctx: ServiceContext) {
  const now = ctx.clock.now();
  return store.deleteExpired(ctx.db, now, new Date(now.getTime() - 24 * 3_600_000));
}
