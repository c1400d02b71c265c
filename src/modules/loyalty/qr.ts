// Identification by a one-time QR code: a customer opens their personal page (a link with a long-lived
// secret that staff hand out), the page asks for a fresh token that lives five minutes, the till scans
// it once. Only hashes of both secrets are stored.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { audit, requirePermission, type Actor } from '../tenancy/index.js';
import { qrSvg } from './card-media.js';
import { sha256 } from './hashing.js';
import { programForCustomer } from './customer-points.js';
import { joinProgram } from './members.js';
import { entryTier } from './programs.js';

export const QR_TOKEN_TTL_MS = 5 * 60_000;

/** A new personal page link for the customer; earlier links of the customer in this program stop working. */
export async function createCustomerLink(ctx: ServiceContext, actor: Actor, customerId: string, input: { programId?: string }) {
  requirePermission(actor, 'customers.write');
  const program = await programForCustomer(ctx, actor, customerId, input.programId);
  const secret = `rl_${randomBytes(24).toString('base64url')}`;
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx) => {
    await joinProgram(ctx, tx, actor, { programId: program.id, customerId, tier: entryTier(program.config), reason: 'joined', staffId: actor.staffId });
    await scoped(tx, actor).updateTable('loyalty_customer_links', { revoked_at: now }).where('customer_id', '=', customerId).where('program_id', '=', program.id).where('revoked_at', 'is', null).execute();
    const id = ctx.ids.next();
    await scoped(tx, actor).insertInto('loyalty_customer_links', { id, program_id: program.id, customer_id: customerId, token_hash: sha256(secret), created_at: now, revoked_at: null }).execute();
    await audit(tx, ctx, actor, 'customer_link.created', 'customer', customerId, { programId: program.id });
  });
  return { link: secret, programId: program.id, createdAt: now.toISOString() };
}

/** Public: the customer's page asks for a QR token with its link secret. */
export async function issueQrToken(ctx: ServiceContext, linkSecret: string) {
  // The way into a tenant: a global look-up by the secret's hash, like an API key.
  const link = await ctx.db.selectFrom('loyalty_customer_links').selectAll().where('token_hash', '=', sha256(linkSecret)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!link) throw new AppError('link_not_found', 'This page link is unknown or was replaced by a newer one', {}, 'not_found');
  const token = randomBytes(12).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + QR_TOKEN_TTL_MS);
  const scope: TenantScope = { organizationId: link.organization_id };
  await scoped(ctx.db, scope).insertInto('loyalty_qr_tokens', { token_hash: sha256(token), program_id: link.program_id, customer_id: link.customer_id, expires_at: expiresAt, used_at: null, created_at: now }).execute();
  const { rows } = await sql<{ spendable: number; pending: number; tier: string | null }>`SELECT spendable, pending, tier FROM loyalty_members
    WHERE organization_id = ${link.organization_id} AND program_id = ${link.program_id} AND customer_id = ${link.customer_id}`.execute(ctx.db);
  const m = rows[0];
  return { token, expiresAt: expiresAt.toISOString(), svg: qrSvg(token), points: m ? { spendable: Number(m.spendable), pending: Number(m.pending) } : null, tier: m?.tier ?? null };
}

/** The till scanned a token: valid once, for five minutes. */
export async function consumeQrToken(ctx: ServiceContext, scope: TenantScope, token: string): Promise<{ customerId: string; programId: string }> {
  const now = ctx.clock.now();
  const used = await scoped(ctx.db, scope).updateTable('loyalty_qr_tokens', { used_at: now })
    .where('token_hash', '=', sha256(token)).where('used_at', 'is', null).where('expires_at', '>', now)
    .returning(['customer_id', 'program_id']).executeTakeFirst();
  if (!used) throw new AppError('qr_token_invalid', 'qrToken: this QR code is unknown, expired or was used already; ask the customer to refresh the page', { field: 'qrToken' }, 'unprocessable');
  return { customerId: used.customer_id, programId: used.program_id };
}
