// Cards: personal cards bound to a customer, bearer cards pre-issued in batches (bound on first use or
// never), blocking, and replacement. Points live on the customer's accounts, not on the card, so a
// replacement card simply belongs to the same customer: the balance stays where it is and the history
// follows the chain of replaced cards.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { audit, requirePermission, type Actor } from '../tenancy/index.js';
import { findTier, generateCardNumbers, validateCardNumber } from './domain/index.js';
import { applyCardTier } from './members.js';
import { defaultProgramId, entryTier, requireProgram, type LoadedProgram } from './programs.js';
import type { CardEventKind, CardsTable } from './tables.js';
import type { Selectable } from 'kysely';

export type CardRow = Selectable<CardsTable>;

export const toCard = (r: CardRow) => ({
  id: r.id, programId: r.program_id, number: r.number, kind: r.kind, tier: r.tier, customerId: r.customer_id, status: r.status,
  replacedBy: r.replaced_by, batchId: r.batch_id, blockReason: r.block_reason, issuedAt: r.issued_at.toISOString(), boundAt: r.bound_at?.toISOString() ?? null,
});
export type Card = ReturnType<typeof toCard>;

export async function programFor(db: Db, scope: TenantScope, programId: string | undefined): Promise<LoadedProgram> {
  const id = programId ?? (await defaultProgramId(db, scope));
  if (!id) throw new AppError('no_program', 'No loyalty program is set up for this organization', {}, 'conflict');
  const program = await requireProgram(db, scope, id);
  if (program.archived) throw conflict('program_archived', 'This program is archived', { field: 'programId' });
  return program;
}

function tierOrThrow(actor: Actor, program: LoadedProgram, code: string | undefined): string {
  const tier = code ?? entryTier(program.config);
  const def = findTier(program.config, tier);
  if (!tier || !def) throw new AppError('validation_failed', `tier: "${code}" is not a tier of this program`, { issues: [{ path: 'tier', message: 'unknown tier' }] });
  // VIP-like cards are issued only by an owner or a manager.
  if (def.restricted) requirePermission(actor, 'cards.issue_vip');
  return tier;
}

/** Reserves `count` consecutive serials of the program's number series (one UPDATE: nodes never collide). */
async function allocateNumbers(db: Db, scope: TenantScope, program: LoadedProgram, count: number): Promise<string[]> {
  const { rows } = await sql<{ first: number }>`UPDATE loyalty_programs SET next_card_serial = next_card_serial + ${count}
    WHERE organization_id = ${scope.organizationId} AND id = ${program.id} RETURNING next_card_serial - ${count} AS first`.execute(db);
  const first = Number(rows[0]!.first);
  const f = program.cardFormat;
  try {
    return generateCardNumbers(f.prefix, first, count, { scheme: f.scheme, length: f.length });
  } catch {
    throw conflict('card_numbers_exhausted', 'The program has no card numbers left in its format; use a longer format or another prefix');
  }
}

export async function cardEvent(ctx: ServiceContext, db: Db, scope: TenantScope, actor: Actor, cardId: string, kind: CardEventKind, details: Record<string, unknown> = {}) {
  await scoped(db, scope).insertInto('loyalty_card_events', { id: ctx.ids.next(), card_id: cardId, kind, details: JSON.stringify(details), staff_id: actor.staffId, at: ctx.clock.now() }).execute();
}

const takenNumber = (e: unknown, number: string | undefined) => {
  if (isUniqueViolation(e, 'loyalty_cards_organization_id_number_key')) return conflict('card_number_taken', `number: card ${number ?? ''} exists already`, { field: 'number' });
  return e;
};

export async function issueCard(ctx: ServiceContext, actor: Actor, input: { programId?: string; customerId: string; tier?: string; number?: string }): Promise<Card> {
  requirePermission(actor, 'checkout.use');
  const program = await programFor(ctx.db, actor, input.programId);
  const tier = tierOrThrow(actor, program, input.tier);
  let number = input.number;
  if (number !== undefined) {
    const checked = validateCardNumber(number, program.cardFormat);
    if (!checked.ok) throw new AppError('invalid_card_number', `number: the card number does not fit the program's format (${checked.reason.replace(/_/g, ' ')})`, { field: 'number', reason: checked.reason });
    number = checked.value;
  }
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const now = ctx.clock.now();
      const num = number ?? (await allocateNumbers(tx, actor, program, 1))[0]!;
      const id = ctx.ids.next();
      await applyCardTier(ctx, tx, actor, program.config, { programId: program.id, customerId: input.customerId, cardTier: tier, staffId: actor.staffId });
      const row = await scoped(tx, actor).insertInto('loyalty_cards', {
        id, program_id: program.id, number: num, kind: 'personal', tier, customer_id: input.customerId, replaced_by: null, batch_id: null,
        block_reason: null, issued_at: now, bound_at: now, created_by: actor.staffId,
      }).returningAll().executeTakeFirstOrThrow();
      await cardEvent(ctx, tx, actor, actor, id, 'issued', { customerId: input.customerId, tier });
      await audit(tx, ctx, actor, 'card.issued', 'loyalty_card', id, { number: num, tier, customerId: input.customerId });
      return toCard(row);
    });
  } catch (e) {
    throw takenNumber(e, number);
  }
}

export async function issueBatch(ctx: ServiceContext, actor: Actor, input: { programId?: string; tier?: string; count: number }) {
  requirePermission(actor, 'programs.manage');
  const program = await programFor(ctx.db, actor, input.programId);
  const tier = tierOrThrow(actor, program, input.tier);
  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const numbers = await allocateNumbers(tx, actor, program, input.count);
    const batchId = ctx.ids.next();
    await scoped(tx, actor).insertInto('loyalty_card_batches', {
      id: batchId, program_id: program.id, tier, count: input.count, first_number: numbers[0]!, last_number: numbers.at(-1)!, created_by: actor.staffId, created_at: now,
    }).execute();
    for (let i = 0; i < numbers.length; i += 1000) {
      await scoped(tx, actor).insertInto('loyalty_cards', numbers.slice(i, i + 1000).map((n) => ({
        id: ctx.ids.next(), program_id: program.id, number: n, kind: 'bearer' as const, tier, customer_id: null, replaced_by: null, batch_id: batchId,
        block_reason: null, issued_at: now, bound_at: null, created_by: actor.staffId,
      }))).execute();
    }
    await audit(tx, ctx, actor, 'card_batch.issued', 'loyalty_card_batch', batchId, { count: input.count, tier, first: numbers[0], last: numbers.at(-1) });
    return { id: batchId, programId: program.id, tier, count: input.count, firstNumber: numbers[0]!, lastNumber: numbers.at(-1)!, createdAt: now.toISOString() };
  });
}

async function cardForUpdate(db: Db, actor: Actor, id: string): Promise<CardRow> {
  const row = await scoped(db, actor).selectFrom('loyalty_cards').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('card', { id });
  return row;
}

/** A bearer card gets its holder: from now on its points and history are the customer's. */
export async function bindCard(ctx: ServiceContext, actor: Actor, id: string, input: { customerId: string }): Promise<Card> {
  requirePermission(actor, 'checkout.use');
  return inTransaction(ctx.db, async (tx) => bindInTx(ctx, tx, actor, id, input.customerId));
}

export async function bindInTx(ctx: ServiceContext, tx: Db, actor: Actor, id: string, customerId: string): Promise<Card> {
  const card = await cardForUpdate(tx, actor, id);
  if (card.status !== 'active') throw new AppError(card.status === 'blocked' ? 'card_blocked' : 'card_replaced', `This card is ${card.status}`, { cardId: id }, 'unprocessable');
  if (card.customer_id === customerId) return toCard(card);
  if (card.customer_id) throw conflict('card_already_bound', 'This card already belongs to a customer', { field: 'customerId' });
  const program = await requireProgram(tx, actor, card.program_id);
  await applyCardTier(ctx, tx, actor, program.config, { programId: program.id, customerId, cardTier: card.tier, staffId: actor.staffId });
  const row = await scoped(tx, actor).updateTable('loyalty_cards', { customer_id: customerId, bound_at: ctx.clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await cardEvent(ctx, tx, actor, actor, id, 'bound', { customerId });
  await audit(tx, ctx, actor, 'card.bound', 'loyalty_card', id, { customerId });
  return toCard(row);
}

export async function blockCard(ctx: ServiceContext, actor: Actor, id: string, input: { reason?: string }): Promise<Card> {
  requirePermission(actor, 'checkout.use');
  return inTransaction(ctx.db, async (tx) => {
    const card = await cardForUpdate(tx, actor, id);
    if (card.status === 'replaced') throw conflict('card_replaced', 'A replaced card cannot be blocked', { replacedBy: card.replaced_by });
    if (card.status === 'blocked') return toCard(card);
    const row = await scoped(tx, actor).updateTable('loyalty_cards', { status: 'blocked', block_reason: input.reason ?? null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await cardEvent(ctx, tx, actor, actor, id, 'blocked', { reason: input.reason ?? null });
    await audit(tx, ctx, actor, 'card.blocked', 'loyalty_card', id, { reason: input.reason ?? null });
    return toCard(row);
  });
}

export async function unblockCard(ctx: ServiceContext, actor: Actor, id: string): Promise<Card> {
  requirePermission(actor, 'cards.issue_vip');
  return inTransaction(ctx.db, async (tx) => {
    const card = await cardForUpdate(tx, actor, id);
    if (card.status !== 'blocked') return toCard(card);
    const row = await scoped(tx, actor).updateTable('loyalty_cards', { status: 'active', block_reason: null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await cardEvent(ctx, tx, actor, actor, id, 'unblocked');
    await audit(tx, ctx, actor, 'card.unblocked', 'loyalty_card', id, {});
    return toCard(row);
  });
}

/** A new card for a lost or damaged one: same holder, type and program; the old one stops working. */
export async function replaceCard(ctx: ServiceContext, actor: Actor, id: string, input: { number?: string; reason?: string }): Promise<Card> {
  requirePermission(actor, 'checkout.use');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const old = await cardForUpdate(tx, actor, id);
      if (old.status === 'replaced') throw conflict('card_replaced', 'This card was replaced already', { replacedBy: old.replaced_by });
      const program = await requireProgram(tx, actor, old.program_id);
      let number = input.number;
      if (number !== undefined) {
        const checked = validateCardNumber(number, program.cardFormat);
        if (!checked.ok) throw new AppError('invalid_card_number', `number: the card number does not fit the program's format (${checked.reason.replace(/_/g, ' ')})`, { field: 'number', reason: checked.reason });
        number = checked.value;
      }
      const num = number ?? (await allocateNumbers(tx, actor, program, 1))[0]!;
      const now = ctx.clock.now();
      const newId = ctx.ids.next();
      const row = await scoped(tx, actor).insertInto('loyalty_cards', {
        id: newId, program_id: old.program_id, number: num, kind: old.kind, tier: old.tier, customer_id: old.customer_id, replaced_by: null,
        batch_id: null, block_reason: null, issued_at: now, bound_at: old.customer_id ? now : null, created_by: actor.staffId,
      }).returningAll().executeTakeFirstOrThrow();
      await scoped(tx, actor).updateTable('loyalty_cards', { status: 'replaced', replaced_by: newId }).where('id', '=', id).execute();
      await cardEvent(ctx, tx, actor, actor, id, 'replaced', { newCardId: newId, newNumber: num, reason: input.reason ?? null });
      await cardEvent(ctx, tx, actor, actor, newId, 'replacement_of', { oldCardId: id, oldNumber: old.number, reason: input.reason ?? null });
      await audit(tx, ctx, actor, 'card.replaced', 'loyalty_card', id, { newCardId: newId, newNumber: num, reason: input.reason ?? null });
      return toCard(row);
    });
  } catch (e) {
    throw takenNumber(e, input.number);
  }
}

export async function getCard(ctx: ServiceContext, actor: Actor, id: string): Promise<Card> {
  requirePermission(actor, 'checkout.use');
  const row = await scoped(ctx.db, actor).selectFrom('loyalty_cards').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('card', { id });
  return toCard(row);
}

export async function listCards(ctx: ServiceContext, actor: Actor, q: { customerId?: string; batchId?: string; number?: string; status?: CardRow['status']; limit: number; offset: number }) {
  requirePermission(actor, 'checkout.use');
  let query = scoped(ctx.db, actor).selectFrom('loyalty_cards').selectAll().orderBy('issued_at', 'desc').orderBy('number').limit(q.limit).offset(q.offset);
  if (q.customerId) query = query.where('customer_id', '=', q.customerId);
  if (q.batchId) query = query.where('batch_id', '=', q.batchId);
  if (q.number) query = query.where('number', '=', q.number.replace(/[\s-]/g, ''));
  if (q.status) query = query.where('status', '=', q.status);
  return (await query.execute()).map(toCard);
}

export async function listBatches(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'programs.manage');
  const rows = await scoped(ctx.db, actor).selectFrom('loyalty_card_batches').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, programId: r.program_id, tier: r.tier, count: r.count, firstNumber: r.first_number, lastNumber: r.last_number, createdAt: r.created_at.toISOString() }));
}
