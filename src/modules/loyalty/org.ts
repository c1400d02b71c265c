// What the loyalty module needs to know about an organization (its time zone for calendar rules, its
// currency), read through tenancy's public service and kept for a minute: the checkout asks on every
// request, and a time zone changes perhaps once in a business's life.
import type { ServiceContext } from '../../platform/context.js';
import { assertNotPoolInTransaction } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { getOrganization, type Actor } from '../tenancy/index.js';

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: OrgSettings }>();

export interface OrgSettings { timeZone: string; currency: string; name: string }

/**
 * Internal reads on behalf of a checkout request or a job: the till (role pos) may not read the
 * organization or the customer file itself, but the checkout answer includes the customer's name and
 * birthday greeting. A read-only role is used for those reads, never for writes.
 */
export function readerActor(scope: TenantScope, actor?: Actor): Actor {
  return { organizationId: scope.organizationId, role: 'analyst', staffId: actor?.staffId ?? null, apiKeyId: actor?.apiKeyId ?? null, outletId: actor?.outletId ?? null };
}

export async function orgSettings(ctx: ServiceContext, scope: TenantScope): Promise<OrgSettings> {
  assertNotPoolInTransaction(ctx.db);
  const hit = cache.get(scope.organizationId);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const org = await getOrganization(ctx, readerActor(scope));
  const value = { timeZone: org.timeZone, currency: org.currency, name: org.name };
  cache.set(scope.organizationId, { at: now, value });
  return value;
}
