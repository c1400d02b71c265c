// Programs: an organization's loyalty programs, each with a versioned configuration. A configuration
// change makes a new version; receipts record the version they were calculated with, so the program
// can change without rewriting history. The checkout reads configurations through a small in-process
// cache keyed by (program, version): a version never changes, so the cache can never be stale, and the
// snapshot query tells which version is current.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { assertNotPoolInTransaction, inTransaction, type Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { audit, getOrganization, requirePermission, type Actor } from '../tenancy/index.js';
import type { ProgramConfig } from './domain/index.js';
import type { AccountRole } from './ledger-book.js';
import { canonicalJson } from './hashing.js';
import { checkCardFormat, parseProgramConfig, type CardFormat } from './program-schema.js';
import type { AccountKind } from './tables.js';
import './tables.js';

export interface LoadedProgram {
  id: string;
  organizationId: string;
  name: string;
  version: number;
  config: ProgramConfig;
  cardFormat: CardFormat;
  isDefault: boolean;
  archived: boolean;
  /** The program's system accounts. */
  accounts: Record<Exclude<AccountRole, 'spendable' | 'pending'>, string>;
  createdAt: Date;
  updatedAt: Date;
}

const SYSTEM_KINDS = ['issued', 'redeemed', 'expired', 'taken_back'] as const satisfies readonly AccountKind[];
const CACHE_LIMIT = 500;
const cache = new Map<string, LoadedProgram>();

export function toProgram(p: LoadedProgram) {
  return {
    id: p.id, name: p.name, version: p.version, config: p.config, cardFormat: p.cardFormat, isDefault: p.isDefault,
    archived: p.archived, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}
export type Program = ReturnType<typeof toProgram>;

async function loadRow(db: Db, scope: TenantScope, id: string): Promise<LoadedProgram | null> {
  const row = await scoped(db, scope).selectFrom('loyalty_programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const accounts = await scoped(db, scope).selectFrom('loyalty_accounts').select(['id', 'kind']).where('program_id', '=', id).where('customer_id', 'is', null).execute();
  const byKind = new Map(accounts.map((a) => [a.kind, a.id]));
  return {
    id: row.id, organizationId: row.organization_id, name: row.name, version: row.version,
    config: row.config as ProgramConfig,
    cardFormat: { scheme: row.card_scheme, prefix: row.card_prefix, length: row.card_length },
    isDefault: row.is_default, archived: row.archived_at !== null,
    accounts: { issued: byKind.get('issued')!, redeemed: byKind.get('redeemed')!, expired: byKind.get('expired')!, taken_back: byKind.get('taken_back')! },
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The program at its current version; `version` (from a snapshot read) lets the cache answer without a query. */
export async function loadProgram(db: Db, scope: TenantScope, id: string, version?: number): Promise<LoadedProgram | null> {
  assertNotPoolInTransaction(db);
  const hit = cache.get(id);
  if (hit && hit.organizationId === scope.organizationId && version !== undefined && hit.version === version) return hit;
  const loaded = await loadRow(db, scope, id);
  if (!loaded) return null;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(id, loaded);
  return loaded;
}

/** A configuration as it was at a version (refunds of old receipts, history screens). */
export async function programVersion(db: Db, scope: TenantScope, programId: string, version: number): Promise<ProgramConfig | null> {
  const row = await scoped(db, scope).selectFrom('loyalty_program_versions').select('config').where('program_id', '=', programId).where('version', '=', version).executeTakeFirst();
  return row ? (row.config as ProgramConfig) : null;
}

export async function requireProgram(db: Db, scope: TenantScope, id: string): Promise<LoadedProgram> {
  const p = await loadProgram(db, scope, id);
  if (!p) throw notFound('program', { id });
  return p;
}

export async function defaultProgramId(db: Db, scope: TenantScope): Promise<string | null> {
  const row = await scoped(db, scope).selectFrom('loyalty_programs').select('id').where('is_default', '=', true).executeTakeFirst();
  return row?.id ?? null;
}

/** The entry tier: the lowest-ranked tier anyone may hold without an owner's decision. */
export function entryTier(config: ProgramConfig): string | null {
  const open = config.tiers.filter((t) => !t.restricted).sort((a, b) => a.rank - b.rank);
  return open[0]?.code ?? null;
}

function checkPrefixes(format: CardFormat, others: CardFormat[], path = 'cardFormat.prefix') {
  for (const o of others) {
    if (o.length === format.length && (o.prefix.startsWith(format.prefix) || format.prefix.startsWith(o.prefix))) {
      throw new AppError('card_prefix_overlaps', `${path}: prefix "${format.prefix}" overlaps another program's prefix "${o.prefix}" of the same length`, { field: path }, 'conflict');
    }
  }
}

async function otherFormats(db: Db, scope: TenantScope, exceptId: string | null): Promise<CardFormat[]> {
  let q = scoped(db, scope).selectFrom('loyalty_programs').select(['card_scheme', 'card_prefix', 'card_length']);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.execute()).map((r) => ({ scheme: r.card_scheme, prefix: r.card_prefix, length: r.card_length }));
}

async function checkCurrency(ctx: ServiceContext, actor: Actor, config: ProgramConfig) {
  const org = await getOrganization(ctx, actor);
  if (org.currency !== config.currency) {
    throw new AppError('validation_failed', `config.currency: the program's currency must be the organization's (${org.currency})`, { issues: [{ path: 'config.currency', message: `must be ${org.currency}` }] });
  }
}

export interface ProgramInput { name: string; config: unknown; cardFormat: CardFormat; isDefault?: boolean }

export async function createProgram(ctx: ServiceContext, actor: Actor, input: ProgramInput): Promise<Program> {
  requirePermission(actor, 'programs.manage');
  const config = parseProgramConfig(input.config);
  checkCardFormat(input.cardFormat);
  await checkCurrency(ctx, actor, config);
  const now = ctx.clock.now();
  const id = await inTransaction(ctx.db, async (tx) => {
    checkPrefixes(input.cardFormat, await otherFormats(tx, actor, null));
    const s = scoped(tx, actor);
    const hasDefault = (await defaultProgramId(tx, actor)) !== null;
    const makeDefault = input.isDefault === true || !hasDefault;
    if (makeDefault && hasDefault) await s.updateTable('loyalty_programs', { is_default: false }).where('is_default', '=', true).execute();
    const programId = ctx.ids.next();
    await s.insertInto('loyalty_programs', {
      id: programId, name: input.name, version: 1, config: JSON.stringify(config), card_scheme: input.cardFormat.scheme,
      card_prefix: input.cardFormat.prefix, card_length: input.cardFormat.length, is_default: makeDefault, archived_at: null, created_at: now, updated_at: now,
    }).execute();
    await s.insertInto('loyalty_program_versions', { program_id: programId, version: 1, config: JSON.stringify(config), created_at: now, created_by: actor.staffId }).execute();
    await s.insertInto('loyalty_accounts', SYSTEM_KINDS.map((kind) => ({ id: ctx.ids.next(), program_id: programId, customer_id: null, kind }))).execute();
    await audit(tx, ctx, actor, 'program.created', 'loyalty_program', programId, { name: input.name, version: 1, cardFormat: input.cardFormat });
    return programId;
  });
  return toProgram(await requireProgram(ctx.db, actor, id));
}

export interface ProgramPatch { name?: string; config?: unknown; isDefault?: boolean; cardFormat?: CardFormat }

export async function updateProgram(ctx: ServiceContext, actor: Actor, id: string, patch: ProgramPatch): Promise<Program> {
  requirePermission(actor, 'programs.manage');
  const config = patch.config === undefined ? undefined : parseProgramConfig(patch.config);
  if (config) await checkCurrency(ctx, actor, config);
  if (patch.cardFormat) checkCardFormat(patch.cardFormat);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx) => {
    const s = scoped(tx, actor);
    const current = await s.selectFrom('loyalty_programs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('program', { id });
    if (current.archived_at) throw conflict('program_archived', 'This program is archived');
    let version = current.version;
    // jsonb stores keys in its own order: compare canonical forms.
    if (config && canonicalJson(config) !== canonicalJson(current.config)) {
      await checkTiersInUse(tx, actor, id, config);
      version += 1;
      await s.insertInto('loyalty_program_versions', { program_id: id, version, config: JSON.stringify(config), created_at: now, created_by: actor.staffId }).execute();
    }
    if (patch.cardFormat) {
      const issued = await s.selectFrom('loyalty_cards').select('id').where('program_id', '=', id).limit(1).executeTakeFirst();
      const same = patch.cardFormat.scheme === current.card_scheme && patch.cardFormat.prefix === current.card_prefix && patch.cardFormat.length === current.card_length;
      if (issued && !same) throw conflict('cards_issued', 'The card number format cannot change once cards are issued', { field: 'cardFormat' });
      checkPrefixes(patch.cardFormat, await otherFormats(tx, actor, id));
    }
    if (patch.isDefault === true) await s.updateTable('loyalty_programs', { is_default: false }).where('is_default', '=', true).where('id', '<>', id).execute();
    if (patch.isDefault === false && current.is_default) throw conflict('default_program_required', 'Make another program the default instead', { field: 'isDefault' });
    await s.updateTable('loyalty_programs', {
      updated_at: now, version,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(config && { config: JSON.stringify(config) }),
      ...(patch.isDefault !== undefined && { is_default: patch.isDefault }),
      ...(patch.cardFormat && { card_scheme: patch.cardFormat.scheme, card_prefix: patch.cardFormat.prefix, card_length: patch.cardFormat.length }),
    }).where('id', '=', id).execute();
    await audit(tx, ctx, actor, 'program.updated', 'loyalty_program', id, { name: patch.name, version, configChanged: version !== current.version, isDefault: patch.isDefault, cardFormat: patch.cardFormat });
  });
  return toProgram(await requireProgram(ctx.db, actor, id));
}

/** A tier that cards or customers still hold cannot disappear from the configuration. */
async function checkTiersInUse(db: Db, scope: TenantScope, programId: string, config: ProgramConfig) {
  const codes = config.tiers.map((t) => t.code);
  const { rows } = await sql<{ tier: string }>`
    SELECT tier FROM loyalty_cards WHERE organization_id = ${scope.organizationId} AND program_id = ${programId} AND status <> 'replaced' AND NOT (tier = ANY(${codes}::text[]))
    UNION SELECT tier FROM loyalty_members WHERE organization_id = ${scope.organizationId} AND program_id = ${programId} AND tier IS NOT NULL AND NOT (tier = ANY(${codes}::text[]))
    LIMIT 5`.execute(db);
  if (rows.length > 0) {
    throw conflict('tier_in_use', `config.tiers: tier ${rows.map((r) => r.tier).join(', ')} is still held by cards or customers`, { field: 'config.tiers', tiers: rows.map((r) => r.tier) });
  }
}

export async function archiveProgram(ctx: ServiceContext, actor: Actor, id: string): Promise<Program> {
  requirePermission(actor, 'programs.manage');
  await inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).selectFrom('loyalty_programs').select(['is_default', 'archived_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('program', { id });
    if (row.is_default) throw conflict('default_program_required', 'The default program cannot be archived; make another program the default first');
    if (!row.archived_at) await scoped(tx, actor).updateTable('loyalty_programs', { archived_at: ctx.clock.now(), updated_at: ctx.clock.now() }).where('id', '=', id).execute();
    await audit(tx, ctx, actor, 'program.archived', 'loyalty_program', id, {});
  });
  return toProgram(await requireProgram(ctx.db, actor, id));
}

export async function listPrograms(ctx: ServiceContext, actor: Actor): Promise<Program[]> {
  requirePermission(actor, 'checkout.use');
  const ids = await scoped(ctx.db, actor).selectFrom('loyalty_programs').select('id').orderBy('created_at').orderBy('id').execute();
  const out: Program[] = [];
  for (const { id } of ids) out.push(toProgram(await requireProgram(ctx.db, actor, id)));
  return out;
}

export async function getProgram(ctx: ServiceContext, actor: Actor, id: string): Promise<Program> {
  requirePermission(actor, 'checkout.use');
  return toProgram(await requireProgram(ctx.db, actor, id));
}

export async function listProgramVersions(ctx: ServiceContext, actor: Actor, id: string) {
  requirePermission(actor, 'programs.manage');
  await requireProgram(ctx.db, actor, id);
  const rows = await scoped(ctx.db, actor).selectFrom('loyalty_program_versions').selectAll().where('program_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ version: r.version, config: r.config as ProgramConfig, createdAt: r.created_at.toISOString(), createdBy: r.created_by }));
}
