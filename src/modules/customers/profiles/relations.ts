// Relationships and occasions: spouse, children and their birthdays, a company's contact persons, and
// the dates worth a greeting — the things a good salesperson remembers.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { invalidField, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { assertLive, lockLiveCustomer, resolveCustomerId } from '../access.js';
import { isCalendarDate } from '../domain/fields.js';
import type { CustomerOccasionsTable, CustomerRelationsTable, RelationKind } from '../tables.js';
import { customersStore } from '../store.js';
import { recordProfileChange } from './changes.js';

export interface RelationInput {
  kind: RelationKind; relatedCustomerId?: string | null | undefined; name?: string | null | undefined;
  birthDate?: string | null | undefined; role?: string | null | undefined; note?: string | null | undefined;
}

const toRelation = (r: Selectable<CustomerRelationsTable>, viewer: string, names: Map<string, string>) => {
  const outgoing = r.customer_id === viewer;
  const otherId = outgoing ? r.related_customer_id : r.customer_id;
  return {
    id: r.id, kind: r.kind, direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
    customerId: r.customer_id, relatedCustomerId: r.related_customer_id,
    other: otherId ? { id: otherId, displayName: names.get(otherId) ?? '' } : null,
    name: r.name, birthDate: r.birth_date, role: r.role, note: r.note, createdAt: r.created_at.toISOString(),
  };
};
export type Relation = ReturnType<typeof toRelation>;

export async function addRelation(ctx: ServiceContext, actor: Actor, customerId: string, input: RelationInput): Promise<Relation> {
  requirePermission(actor, 'customers.write');
  if (!input.relatedCustomerId && !input.name) throw invalidField('name', 'give the name of the person, or relatedCustomerId when they are a customer too');
  if (input.relatedCustomerId === customerId) throw invalidField('relatedCustomerId', 'a customer cannot be related to themselves');
  if (input.birthDate && !isCalendarDate(input.birthDate)) throw invalidField('birthDate', 'must be a date as YYYY-MM-DD');
  return inTransaction(ctx.db, async (tx) => {
    const owner = await lockLiveCustomer(tx, actor, customerId);
    const names = new Map([[owner.id, owner.display_name]]);
    if (input.kind === 'contact_person') {
      if (owner.kind !== 'company') throw invalidField('kind', 'only a company has contact persons; add the relation from the company');
      if (!input.relatedCustomerId) throw invalidField('relatedCustomerId', 'a contact person is a customer (with their own phones and e-mails); add them first');
    }
    if (input.relatedCustomerId) {
      const related = await customersStore.byId(tx, actor, input.relatedCustomerId);
      if (!related) throw notFound('customer', { field: 'relatedCustomerId' });
      assertLive(related, 'relatedCustomerId');
      if (input.kind === 'contact_person' && related.kind !== 'person') throw invalidField('relatedCustomerId', 'a contact person must be a person, not a company');
      names.set(related.id, related.display_name);
    }
    const row = await scoped(tx, actor).insertInto('customer_relations', {
      id: ctx.ids.next(), customer_id: customerId, kind: input.kind, related_customer_id: input.relatedCustomerId ?? null,
      name: input.name ?? null, birth_date: input.birthDate ?? null, role: input.role ?? null, note: input.note ?? null, created_at: ctx.clock.now(),
    }).returningAll().executeTakeFirstOrThrow();
    await recordProfileChange(tx, ctx, actor, customerId, 'updated', { relationAdded: { from: null, to: { kind: row.kind, relatedCustomerId: row.related_customer_id, name: row.name } } });
    return toRelation(row, customerId, names);
  });
}

export async function listRelations(ctx: ServiceContext, actor: Actor, customerId: string): Promise<Relation[]> {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  const rows = await scoped(ctx.db, actor).selectFrom('customer_relations').selectAll()
    .where((eb) => eb.or([eb('customer_id', '=', id), eb('related_customer_id', '=', id)]))
    .orderBy('created_at').orderBy('id').execute();
  const others = [...new Set(rows.flatMap((r) => [r.customer_id, r.related_customer_id]).filter((x): x is string => x !== null))];
  const names = new Map((await customersStore.byIds(ctx.db, actor, others)).map((c) => [c.id, c.display_name]));
  return rows.map((r) => toRelation(r, id, names));
}

export async function removeRelation(ctx: ServiceContext, actor: Actor, relationId: string): Promise<void> {
  requirePermission(actor, 'customers.write');
  await inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).selectFrom('customer_relations').selectAll().where('id', '=', relationId).executeTakeFirst();
    if (!row) throw notFound('relation', { id: relationId });
    await lockLiveCustomer(tx, actor, row.customer_id);
    await scoped(tx, actor).deleteFrom('customer_relations').where('id', '=', relationId).execute();
    await recordProfileChange(tx, ctx, actor, row.customer_id, 'updated', { relationRemoved: { from: { kind: row.kind, relatedCustomerId: row.related_customer_id, name: row.name }, to: null } });
  });
}

// ---------------- occasions ----------------

export interface OccasionInput { kind: Selectable<CustomerOccasionsTable>['kind']; label?: string | null | undefined; month: number; day: number; year?: number | null | undefined }

const toOccasion = (r: Selectable<CustomerOccasionsTable>) => ({ id: r.id, customerId: r.customer_id, kind: r.kind, label: r.label, month: r.month, day: r.day, year: r.year, createdAt: r.created_at.toISOString() });
export type Occasion = ReturnType<typeof toOccasion>;

export async function addOccasion(ctx: ServiceContext, actor: Actor, customerId: string, input: OccasionInput): Promise<Occasion> {
  requirePermission(actor, 'customers.write');
  // 29 February is a real occasion (it is greeted on the 28th in common years); 31 April is not.
  const probeYear = input.year ?? 2000;
  if (!isCalendarDate(`${String(probeYear).padStart(4, '0')}-${String(input.month).padStart(2, '0')}-${String(input.day).padStart(2, '0')}`)) throw invalidField('day', `there is no ${input.day}.${input.month}${input.year ? `.${input.year}` : ''}`);
  return inTransaction(ctx.db, async (tx) => {
    await lockLiveCustomer(tx, actor, customerId);
    const row = await scoped(tx, actor).insertInto('customer_occasions', {
      id: ctx.ids.next(), customer_id: customerId, kind: input.kind, label: input.label ?? null, month: input.month, day: input.day, year: input.year ?? null, created_at: ctx.clock.now(),
    }).returningAll().executeTakeFirstOrThrow();
    await recordProfileChange(tx, ctx, actor, customerId, 'updated', { occasionAdded: { from: null, to: { kind: row.kind, label: row.label, month: row.month, day: row.day } } });
    return toOccasion(row);
  });
}

export async function listOccasions(ctx: ServiceContext, actor: Actor, customerId: string): Promise<Occasion[]> {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  return (await scoped(ctx.db, actor).selectFrom('customer_occasions').selectAll().where('customer_id', '=', id).orderBy('month').orderBy('day').orderBy('id').execute()).map(toOccasion);
}

export async function removeOccasion(ctx: ServiceContext, actor: Actor, occasionId: string): Promise<void> {
  requirePermission(actor, 'customers.write');
  await inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).selectFrom('customer_occasions').selectAll().where('id', '=', occasionId).executeTakeFirst();
    if (!row) throw notFound('occasion', { id: occasionId });
    await lockLiveCustomer(tx, actor, row.customer_id);
    await scoped(tx, actor).deleteFrom('customer_occasions').where('id', '=', occasionId).execute();
    await recordProfileChange(tx, ctx, actor, row.customer_id, 'updated', { occasionRemoved: { from: { kind: row.kind, label: row.label, month: row.month, day: row.day }, to: null } });
  });
}
