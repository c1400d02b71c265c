// The audit of profile edits: who changed which field of a customer, from what to what. It feeds the
// timeline; personal values in it are removed when the customer is erased.
import type { ServiceContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import type { Actor } from '../../tenancy/index.js';
import { byActor } from '../access.js';
import type { ProfileAction } from '../tables.js';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export async function recordProfileChange(db: Db, ctx: ServiceContext, actor: Actor, customerId: string, action: ProfileAction, changes: Record<string, unknown>): Promise<void> {
  await scoped(db, actor).insertInto('customer_profile_changes', {
    id: ctx.ids.next(), customer_id: customerId, action, changes: JSON.stringify(changes), ...byActor(actor), at: ctx.clock.now(),
  }).execute();
}

/** Field-by-field difference of two plain objects (arrays and nulls compared by value). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChanges {
  const out: FieldChanges = {};
  for (const f of fields) {
    const from = before[f] ?? null;
    const to = after[f] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[f] = { from, to };
  }
  return out;
}
