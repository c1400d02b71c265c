// First start: an empty database gets one organization and its owner, so someone can log in.
import type { Config } from '../platform/config.js';
import type { ServiceContext } from '../platform/context.js';
import { isAppError } from '../platform/errors.js';
import { countOrganizations, createOrganization } from '../modules/tenancy/index.js';

export interface FirstOwner { email: string; password: string | null; organization: string }

export async function ensureFirstOrganization(ctx: ServiceContext, config: Config): Promise<FirstOwner | null> {
  if ((await countOrganizations(ctx)) > 0) return null;
  const email = config.REGULARS_OWNER_EMAIL ?? 'owner@example.com';
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  try {
    const created = await createOrganization(ctx, {
      name: 'My business',
      currency: 'EUR',
      timeZone,
      owner: { email, name: 'Owner', ...(config.REGULARS_OWNER_PASSWORD && { password: config.REGULARS_OWNER_PASSWORD }) },
    });
    return { email, password: created.ownerPassword, organization: created.organization.name };
  } catch (e) {
    // Several nodes starting together on an empty database: one creates the owner, the others find it.
    if (isAppError(e) && e.code === 'email_taken') return null;
    throw e;
  }
}
