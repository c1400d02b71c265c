// Merging two profiles of one person, and undoing it. The survivor takes the chosen fields; every
// contact, consent, interaction, document, questionnaire value, relationship and occasion of the loser
// moves to it, and other modules move their rows (cards, purchases, ledger accounts) through their
// registered handlers. The merge records both rows as they were, what it wrote and exactly which rows
// moved, so an undo restores the loser and moves back exactly those rows.
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, isRetryableConflict, sql, type Db, type Tx } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { AppError, conflict, invalidField, notFound } from '../../../platform/errors.js';
import { audit, requirePermission, type Actor } from '../../tenancy/index.js';
import { assertLive } from '../access.js';
import { refreshConsentCache } from '../consent/service.js';
import { planMerge, planUndo, type MergeField, type Side } from '../domain/merge.js';
import { registered } from '../hooks.js';
import { recordProfileChange } from '../profiles/changes.js';
import { displayNameOf, searchKeysOf } from '../service.js';
import { customersStore, type CustomerRow } from '../store.js';
import { COLUMN_OF, MOVED_WHOLE, profileOf, snapshot, type MovedTable } from './fields.js';
import { toMerge, type Merge } from './view.js';

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

const MERGE_RETRIES = 4;

/**
 * A merge or its undo in one transaction. A till refunding or cancelling a receipt of one of the two at
 * that moment can deadlock with it (40P01), or it meets a serialization failure (40001): the attempt was
 * rolled back whole, so it runs again from the start (nothing moves twice; the modules' handlers find
 * their state as it was). If that keeps happening, a clear 503 instead of a 500.
 */
async function mergeTransaction<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(ctx.db, fn, { retries: MERGE_RETRIES });
  } catch (e) {
    if (!isRetryableConflict(e)) throw e;
    throw new AppError('customer_busy', 'These customers are being served at a till right now; try again in a moment', {}, 'unavailable');
  }
}

async function lockPair(tx: Db, actor: Actor, x: string, y: string): Promise<[CustomerRow, CustomerRow]> {
  // Always in id order, so two merges of the same pair cannot deadlock.
  const rows = await scoped(tx, actor).selectFrom('customers').selectAll().where('id', 'in', [x, y]).orderBy('id').forNoKeyUpdate().execute();
  const a = rows.find((r) => r.id === x);
  const b = rows.find((r) => r.id === y);
  if (!a) throw notFound('customer', { id: x });
  if (!b) throw notFound('customer', { id: y, field: 'loserId' });
  return [a, b];
}

/** The survivor's name-derived columns after its names changed. */
function derived(row: CustomerRow) {
  const names = { kind: row.kind, familyName: row.family_name, givenNames: row.given_names, patronymic: row.patronymic, familyNameLatin: row.family_name_latin, givenNamesLatin: row.given_names_latin, companyName: row.company_name };
  return { display_name: displayNameOf(names) || row.display_name, search_keys: searchKeysOf(names) };
}

async function moveRows(tx: Db, actor: Actor, loser: string, survivor: string): Promise<Record<MovedTable | string, string[]>> {
  const moved: Record<string, string[]> = {};
  const org = actor.organizationId;
  const primaries = ids(await scoped(tx, actor).selectFrom('customer_contacts').select('id').where('customer_id', '=', loser).where('is_primary', '=', true).execute());
  // Contacts the survivor already has stay with the loser (nothing is lost: the values are equal). The
  // survivor keeps its primary phone and e-mail; which moved ones were primary is kept for the undo.
  moved.customer_contacts = ids((await sql<{ id: string }>`
    UPDATE customer_contacts c SET customer_id = ${survivor}, is_primary = false
    WHERE c.organization_id = ${org} AND c.customer_id = ${loser}
      AND NOT EXISTS (SELECT 1 FROM customer_contacts s WHERE s.organization_id = c.organization_id AND s.customer_id = ${survivor} AND s.kind = c.kind AND s.value = c.value)
    RETURNING c.id`.execute(tx)).rows);
  moved['customer_contacts.primary'] = moved.customer_contacts.filter((id) => primaries.includes(id));
  for (const table of MOVED_WHOLE) {
    moved[table] = ids((await sql<{ id: string }>`UPDATE ${sql.table(table)} SET customer_id = ${survivor} WHERE organization_id = ${org} AND customer_id = ${loser} RETURNING id`.execute(tx)).rows);
  }
  // Questionnaire answers: the survivor's own answer wins; the loser's answers to other fields move.
  moved.customer_field_values = ids((await sql<{ id: string }>`
    UPDATE customer_field_values v SET customer_id = ${survivor}
    WHERE v.organization_id = ${org} AND v.customer_id = ${loser}
      AND NOT EXISTS (SELECT 1 FROM customer_field_values s WHERE s.organization_id = v.organization_id AND s.customer_id = ${survivor} AND s.field_id = v.field_id)
    RETURNING v.id`.execute(tx)).rows);
  // A relationship between the two profiles themselves would become a relationship with oneself: it stays.
  moved.customer_relations = ids((await sql<{ id: string }>`
    UPDATE customer_relations SET customer_id = ${survivor}
    WHERE organization_id = ${org} AND customer_id = ${loser} AND related_customer_id IS DISTINCT FROM ${survivor} RETURNING id`.execute(tx)).rows);
  moved['customer_relations.related'] = ids((await sql<{ id: string }>`
    UPDATE customer_relations SET related_customer_id = ${survivor}
    WHERE organization_id = ${org} AND related_customer_id = ${loser} AND customer_id <> ${survivor} RETURNING id`.execute(tx)).rows);
  return moved;
}

export interface MergeInput { loserId: string; choices?: Partial<Record<MergeField, Side>> | undefined }

export async function mergeCustomers(ctx: ServiceContext, actor: Actor, survivorId: string, input: MergeInput): Promise<Merge> {
  requirePermission(actor, 'customers.manage');
  if (input.loserId === survivorId) throw invalidField('loserId', 'a customer cannot be merged with itself');
  return mergeTransaction(ctx, async (tx) => {
    const [survivor, loser] = await lockPair(tx, actor, survivorId, input.loserId);
    assertLive(survivor);
    assertLive(loser, 'loserId');
    if (survivor.kind !== loser.kind) throw new AppError('merge_kind_mismatch', `A ${survivor.kind} cannot be merged with a ${loser.kind}`, { field: 'loserId' });
    const plan = planMerge(profileOf(survivor), profileOf(loser), input.choices ?? {});
    const written: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(plan.changes)) written[COLUMN_OF[field as MergeField]] = value;
    const now = ctx.clock.now();
    // The external id is unique: the loser gives it up before the survivor takes it (undo gives it back).
    if ('external_id' in written) await customersStore.update(tx, actor, loser.id, { external_id: null });
    const updated = await customersStore.update(tx, actor, survivor.id, { ...(written as Partial<CustomerRow>), updated_at: now });
    await customersStore.update(tx, actor, survivor.id, derived(updated));
    const moved = await moveRows(tx, actor, loser.id, survivor.id);
    const pair = await scoped(tx, actor).updateTable('customer_duplicates', { status: 'merged', decided_at: now, decided_by: actor.staffId })
      .where('customer_a', '=', loser.id < survivor.id ? loser.id : survivor.id).where('customer_b', '=', loser.id < survivor.id ? survivor.id : loser.id)
      .where('status', '=', 'open').returning('id').execute();
    moved.customer_duplicates = ids(pair);
    const handlers: Record<string, unknown> = {};
    for (const handler of registered.mergeHandlers()) handlers[handler.name] = (await handler.merge(tx, actor, loser.id, survivor.id)) ?? null;
    await customersStore.update(tx, actor, loser.id, { merged_into_id: survivor.id, updated_at: now });
    await refreshConsentCache(tx, actor, [survivor.id, loser.id]);
    const record = await scoped(tx, actor).insertInto('customer_merges', {
      id: ctx.ids.next(), survivor_id: survivor.id, loser_id: loser.id, staff_id: actor.staffId, at: now,
      choices: JSON.stringify(plan.choices), before: JSON.stringify({ survivor: snapshot(survivor), loser: snapshot(loser) }),
      after: JSON.stringify(written), moved: JSON.stringify(moved), handlers: JSON.stringify(handlers), undone_at: null, undone_by: null,
    }).returningAll().executeTakeFirstOrThrow();
    await recordProfileChange(tx, ctx, actor, survivor.id, 'merged', { mergeId: record.id, loserId: loser.id, fields: Object.keys(plan.changes) });
    await recordProfileChange(tx, ctx, actor, loser.id, 'merged', { mergeId: record.id, survivorId: survivor.id });
    await audit(tx, ctx, actor, 'customer.merged', 'customer', survivor.id, { mergeId: record.id, loserId: loser.id, choices: plan.choices, moved: Object.fromEntries(Object.entries(moved).map(([t, list]) => [t, list.length])) });
    return toMerge(record);
  });
}

export async function undoMerge(ctx: ServiceContext, actor: Actor, mergeId: string): Promise<Merge & { keptEdits: string[] }> {
  requirePermission(actor, 'customers.manage');
  return mergeTransaction(ctx, async (tx) => {
    const merge = await scoped(tx, actor).selectFrom('customer_merges').selectAll().where('id', '=', mergeId).forUpdate().executeTakeFirst();
    if (!merge) throw notFound('merge', { id: mergeId });
    if (merge.undone_at) throw conflict('merge_already_undone', 'This merge was already undone', { id: mergeId });
    if (!merge.before || !merge.after) throw conflict('merge_not_undoable', 'One of the customers was erased since; the merge cannot be undone', { id: mergeId });
    const [survivor, loser] = await lockPair(tx, actor, merge.survivor_id, merge.loser_id);
    if (survivor.merged_into_id) throw conflict('merge_undo_blocked', 'The surviving profile was merged again since; undo that merge first', { survivorId: survivor.id, mergedIntoId: survivor.merged_into_id });
    if (survivor.erased_at || loser.erased_at) throw conflict('merge_not_undoable', 'One of the customers was erased since; the merge cannot be undone', { id: mergeId });
    if (loser.merged_into_id !== survivor.id) throw conflict('merge_undo_blocked', 'The merged profile is no longer merged into this one', { loserId: loser.id });
    for (const handler of [...registered.mergeHandlers()].reverse()) {
      if (!(handler.name in merge.handlers)) continue;
      await handler.undo(tx, actor, merge.handlers[handler.name]);
    }
    const missing = Object.keys(merge.handlers).filter((name) => !registered.mergeHandler(name));
    if (missing.length) throw conflict('merge_handler_missing', `Rows of ${missing.join(', ')} were moved by this merge, but that part of Regulars is not running`, { handlers: missing });
    const org = actor.organizationId;
    const back = async (table: string, column: string, list: string[] | undefined) => {
      if (list?.length) await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${loser.id} WHERE organization_id = ${org} AND id = ANY(${list}::uuid[]) AND ${sql.ref(column)} = ${survivor.id}`.execute(tx);
    };
    const moved = merge.moved;
    for (const table of [...MOVED_WHOLE, 'customer_contacts', 'customer_field_values', 'customer_relations']) await back(table, 'customer_id', moved[table]);
    await back('customer_relations', 'related_customer_id', moved['customer_relations.related']);
    const primary = moved['customer_contacts.primary'] ?? [];
    if (primary.length) await scoped(tx, actor).updateTable('customer_contacts', { is_primary: true }).where('id', 'in', primary).where('customer_id', '=', loser.id).execute();
    const loserBefore = merge.before.loser;
    if (moved.customer_duplicates?.length) await scoped(tx, actor).updateTable('customer_duplicates', { status: 'open', decided_at: null, decided_by: null }).where('id', 'in', moved.customer_duplicates).execute();
    const { restore, keptEdits } = planUndo(merge.before.survivor, merge.after, survivor as unknown as Record<string, unknown>);
    const now = ctx.clock.now();
    const restored = await customersStore.update(tx, actor, survivor.id, { ...(restore as Partial<CustomerRow>), updated_at: now });
    await customersStore.update(tx, actor, survivor.id, derived(restored));
    await customersStore.update(tx, actor, loser.id, { merged_into_id: null, external_id: (loserBefore.external_id as string | null) ?? null, updated_at: now });
    await refreshConsentCache(tx, actor, [survivor.id, loser.id]);
    const done = await scoped(tx, actor).updateTable('customer_merges', { undone_at: now, undone_by: actor.staffId }).where('id', '=', mergeId).returningAll().executeTakeFirstOrThrow();
    await recordProfileChange(tx, ctx, actor, survivor.id, 'merge_undone', { mergeId, loserId: loser.id, keptEdits });
    await recordProfileChange(tx, ctx, actor, loser.id, 'merge_undone', { mergeId, survivorId: survivor.id });
    await audit(tx, ctx, actor, 'customer.merge_undone', 'customer', survivor.id, { mergeId, loserId: loser.id, keptEdits });
    return { ...toMerge(done), keptEdits };
  });
}
