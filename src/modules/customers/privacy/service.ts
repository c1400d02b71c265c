// Privacy requests: everything held about one person as JSON, and erasure on request. Both are
// supervisor actions, both say why, both go to the audit log. Erasure removes the personal data and keeps
// the customer row (marked erased), so purchases stay in the totals, anonymous.
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, sql, type Db } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { notFound } from '../../../platform/errors.js';
import { audit, can, requirePermission, type Actor } from '../../tenancy/index.js';
import { lockLiveCustomer, resolveCustomerId } from '../access.js';
import { consentOf } from '../consent/service.js';
import { documentsForExport } from '../documents/service.js';
import { registered } from '../hooks.js';
import { interactionsOf } from '../interactions/service.js';
import { fieldValues } from '../questionnaires/service.js';
import { readCustomer, toCustomer } from '../service.js';
import { customersStore } from '../store.js';

/** The profile and every profile merged into it (directly or through earlier merges): one person. */
async function profilesOf(db: Db, actor: Actor, id: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE merged AS (
      SELECT id FROM customers WHERE organization_id = ${actor.organizationId} AND id = ${id}
      UNION
      SELECT c.id FROM customers c JOIN merged m ON c.merged_into_id = m.id WHERE c.organization_id = ${actor.organizationId}
    ) SELECT id FROM merged`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function exportCustomerData(ctx: ServiceContext, actor: Actor, customerId: string, input: { reason: string }) {
  requirePermission(actor, 'customers.privacy');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  return inTransaction(ctx.db, async (tx) => {
    const ids = await profilesOf(tx, actor, id);
    const rows = await customersStore.byIds(tx, actor, ids);
    const contacts = await customersStore.contactsOf(tx, actor, ids);
    const one = async (cid: string) => ({
      customer: toCustomer(rows.find((r) => r.id === cid)!, contacts.filter((c) => c.customer_id === cid)),
      contacts: contacts.filter((c) => c.customer_id === cid).map((c) => ({ kind: c.kind, value: c.value, asTyped: c.raw, label: c.label, primary: c.is_primary, addedAt: c.created_at.toISOString() })),
      relations: (await scoped(tx, actor).selectFrom('customer_relations').selectAll().where((eb) => eb.or([eb('customer_id', '=', cid), eb('related_customer_id', '=', cid)])).execute())
        .map((r) => ({ kind: r.kind, customerId: r.customer_id, relatedCustomerId: r.related_customer_id, name: r.name, birthDate: r.birth_date, role: r.role, note: r.note })),
      occasions: (await scoped(tx, actor).selectFrom('customer_occasions').selectAll().where('customer_id', '=', cid).execute()).map((o) => ({ kind: o.kind, label: o.label, month: o.month, day: o.day, year: o.year })),
      documents: await documentsForExport(tx, actor, cid, can(actor.role, 'customers.documents')),
      consent: await consentOf(tx, actor, cid),
      interactions: await interactionsOf(tx, actor, cid, { limit: 100_000 }),
      questionnaireAnswers: await fieldValues(tx, actor, cid),
      profileChanges: (await scoped(tx, actor).selectFrom('customer_profile_changes').selectAll().where('customer_id', '=', cid).orderBy('at').execute())
        .map((p) => ({ action: p.action, changes: p.changes, staffId: p.staff_id, at: p.at.toISOString() })),
    });
    const main = await one(id);
    const mergedProfiles = [];
    for (const other of ids.filter((x) => x !== id)) mergedProfiles.push(await one(other));
    const modules: Record<string, unknown> = {};
    for (const handler of registered.dataHandlers()) modules[handler.name] = await handler.export(tx, actor, id);
    await audit(tx, ctx, actor, 'customer.data_exported', 'customer', id, { reason: input.reason, profiles: ids.length });
    return { exportedAt: ctx.clock.now().toISOString(), organizationId: actor.organizationId, ...main, mergedProfiles, modules };
  });
}

export async function eraseCustomer(ctx: ServiceContext, actor: Actor, customerId: string, input: { reason: string }) {
  requirePermission(actor, 'customers.privacy');
  return inTransaction(ctx.db, async (tx) => {
    await lockLiveCustomer(tx, actor, customerId);
    const ids = await profilesOf(tx, actor, customerId);
    const org = actor.organizationId;
    const now = ctx.clock.now();
    const words = (await customersStore.byIds(tx, actor, ids)).flatMap((r) => r.search_keys.split(' ')).filter(Boolean);
    const s = scoped(tx, actor);
    await s.deleteFrom('customer_contacts').where('customer_id', 'in', ids).execute();
    await s.deleteFrom('customer_documents').where('customer_id', 'in', ids).execute();
    await s.deleteFrom('customer_field_values').where('customer_id', 'in', ids).execute();
    await s.deleteFrom('customer_occasions').where('customer_id', 'in', ids).execute();
    await s.deleteFrom('customer_relations').where((eb) => eb.or([eb('customer_id', 'in', ids), eb('related_customer_id', 'in', ids)])).execute();
    await s.deleteFrom('customer_duplicates').where((eb) => eb.or([eb('customer_a', 'in', ids), eb('customer_b', 'in', ids)])).execute();
    await s.deleteFrom('customer_profile_changes').where('customer_id', 'in', ids).execute();
    // What happened stays countable (complaints by reason, calls per month); what was said goes.
    await s.updateTable('customer_interactions', { text: null, attachment_ref: null, resolution: null }).where('customer_id', 'in', ids).execute();
    await sql`UPDATE customer_complaint_handovers h SET reason = 'erased' FROM customer_interactions i
      WHERE h.organization_id = ${org} AND i.organization_id = h.organization_id AND i.id = h.interaction_id AND i.customer_id = ANY(${ids}::uuid[])`.execute(tx);
    // Consent history stays as proof of what the customer allowed; its notes go.
    await s.updateTable('customer_consent_events', { note: null }).where('customer_id', 'in', ids).execute();
    // Merge records hold both profiles as they were: without them the merge can no longer be undone.
    await s.updateTable('customer_merges', { before: null, after: null }).where((eb) => eb.or([eb('survivor_id', 'in', ids), eb('loser_id', 'in', ids)])).execute();
    for (const handler of registered.dataHandlers()) for (const id of ids) await handler.erase?.(tx, actor, id);
    await s.updateTable('customers', {
      family_name: null, given_names: null, patronymic: null, family_name_latin: null, given_names_latin: null, company_name: null,
      display_name: 'Erased customer', gender: null, birth_date: null, preferred_language: null, preferred_channel: null, source: null,
      notes: null, tags: [], external_id: null, search_keys: '', preferences: null, hobbies: [], erased_at: now, updated_at: now,
    }).where('id', 'in', ids).execute();
    // Name words only this person had leave the search vocabulary now rather than at the nightly pruning.
    if (words.length) {
      await sql`DELETE FROM customer_search_words w WHERE w.organization_id = ${org} AND w.word = ANY(${[...new Set(words)]}::text[])
        AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.organization_id = w.organization_id AND string_to_array(c.search_keys, ' ') @> ARRAY[w.word])`.execute(tx);
    }
    await scoped(tx, actor).insertInto('customer_profile_changes', { id: ctx.ids.next(), customer_id: customerId, action: 'erased', changes: JSON.stringify({}), staff_id: actor.staffId, api_key_id: actor.apiKeyId, at: now }).execute();
    await audit(tx, ctx, actor, 'customer.erased', 'customer', customerId, { reason: input.reason, profiles: ids.length });
    return readCustomer(tx, actor, customerId);
  });
}
