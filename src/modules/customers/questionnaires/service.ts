// Custom fields and questionnaires: the owner defines fields (text, number, date, choice, multi-choice)
// and groups them into forms; staff fill the values per customer, each checked against its field's type.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, isUniqueViolation, sql, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import { AppError, conflict, invalidField, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { lockLiveCustomer, resolveCustomerId } from '../access.js';
import { checkFieldValue, fieldKeyFromLabel, type CustomFieldType } from '../domain/fields.js';
import { recordProfileChange } from '../profiles/changes.js';
import type { CustomerFieldsTable, CustomerQuestionnairesTable } from '../tables.js';
import { isUuid } from '../../../platform/ids.js';

type FieldRow = Selectable<CustomerFieldsTable>;
const toField = (r: FieldRow) => ({ id: r.id, key: r.key, label: r.label, type: r.type, options: r.options, archived: r.archived, createdAt: r.created_at.toISOString() });
export type CustomField = ReturnType<typeof toField>;

function checkOptions(type: CustomFieldType, options: string[] | undefined): string[] {
  const list = (options ?? []).map((o) => o.trim());
  if (type !== 'choice' && type !== 'multi_choice') {
    if (list.length) throw invalidField('options', `a ${type} field has no choices`);
    return [];
  }
  if (list.length === 0) throw invalidField('options', 'a choice field needs at least one choice');
  list.forEach((o, i) => { if (o === '') throw invalidField(`options.${i}`, 'a choice must not be empty'); });
  const dup = list.find((o, i) => list.indexOf(o) !== i);
  if (dup !== undefined) throw invalidField('options', `"${dup}" is listed twice`);
  return list;
}

export async function createField(ctx: ServiceContext, actor: Actor, input: { key?: string | undefined; label: string; type: CustomFieldType; options?: string[] | undefined }): Promise<CustomField> {
  requirePermission(actor, 'customers.manage');
  const options = checkOptions(input.type, input.options);
  const key = input.key ?? fieldKeyFromLabel(input.label);
  try {
    const row = await scoped(ctx.db, actor).insertInto('customer_fields', { id: ctx.ids.next(), key, label: input.label, type: input.type, options: JSON.stringify(options), created_at: ctx.clock.now() }).returningAll().executeTakeFirstOrThrow();
    return toField(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('field_key_taken', `A field with the key "${key}" already exists`, { field: 'key' });
    throw e;
  }
}

export async function updateField(ctx: ServiceContext, actor: Actor, id: string, patch: { label?: string | undefined; options?: string[] | undefined; archived?: boolean | undefined }): Promise<CustomField> {
  requirePermission(actor, 'customers.manage');
  return inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).selectFrom('customer_fields').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('field', { id });
    let options = row.options;
    if (patch.options !== undefined) {
      options = checkOptions(row.type, patch.options);
      // A choice may go only when nobody's answer uses it; otherwise those answers would become invalid.
      for (const gone of row.options.filter((o) => !options.includes(o))) {
        const used = await sql<{ n: number }>`SELECT count(*)::int AS n FROM customer_field_values WHERE organization_id = ${actor.organizationId} AND field_id = ${id} AND (value = to_jsonb(${gone}::text) OR value @> jsonb_build_array(${gone}::text))`.execute(tx);
        if ((used.rows[0]?.n ?? 0) > 0) throw conflict('choice_in_use', `The choice "${gone}" is the answer of ${used.rows[0]?.n} customer(s); archive the field or keep the choice`, { field: 'options', choice: gone });
      }
    }
    const updated = await scoped(tx, actor).updateTable('customer_fields', { label: patch.label ?? row.label, options: JSON.stringify(options), archived: patch.archived ?? row.archived })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return toField(updated);
  });
}

export async function listFields(ctx: ServiceContext, actor: Actor): Promise<CustomField[]> {
  requirePermission(actor, 'customers.read');
  return (await scoped(ctx.db, actor).selectFrom('customer_fields').selectAll().orderBy('created_at').orderBy('id').execute()).map(toField);
}

// ---------------- questionnaires ----------------

export interface QuestionnaireInput { name: string; description?: string | null | undefined; fields: { fieldId: string; required?: boolean | undefined }[] }

async function toQuestionnaire(db: Db, scope: TenantScope, r: Selectable<CustomerQuestionnairesTable>) {
  const fields = await scoped(db, scope).selectFrom('customer_questionnaire_fields').select(['field_id', 'required']).where('questionnaire_id', '=', r.id).orderBy('position').execute();
  return { id: r.id, name: r.name, description: r.description, archived: r.archived, fields: fields.map((f) => ({ fieldId: f.field_id, required: f.required })), createdAt: r.created_at.toISOString() };
}
export type Questionnaire = Awaited<ReturnType<typeof toQuestionnaire>>;

async function writeQuestionnaireFields(tx: Db, actor: Actor, questionnaireId: string, fields: QuestionnaireInput['fields']) {
  const ids = fields.map((f) => f.fieldId);
  const dup = ids.find((f, i) => ids.indexOf(f) !== i);
  if (dup) throw invalidField('fields', `the field ${dup} is listed twice`);
  const known = new Set((ids.length ? await scoped(tx, actor).selectFrom('customer_fields').select('id').where('id', 'in', ids).execute() : []).map((r) => r.id));
  fields.forEach((f, i) => { if (!known.has(f.fieldId)) throw invalidField(`fields.${i}.fieldId`, 'no such field in this organization'); });
  await scoped(tx, actor).deleteFrom('customer_questionnaire_fields').where('questionnaire_id', '=', questionnaireId).execute();
  if (fields.length) await scoped(tx, actor).insertInto('customer_questionnaire_fields', fields.map((f, position) => ({ questionnaire_id: questionnaireId, field_id: f.fieldId, position, required: f.required ?? false }))).execute();
}

export async function createQuestionnaire(ctx: ServiceContext, actor: Actor, input: QuestionnaireInput): Promise<Questionnaire> {
  requirePermission(actor, 'customers.manage');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await scoped(tx, actor).insertInto('customer_questionnaires', { id: ctx.ids.next(), name: input.name, description: input.description ?? null, created_at: ctx.clock.now() }).returningAll().executeTakeFirstOrThrow();
      await writeQuestionnaireFields(tx, actor, row.id, input.fields);
      return toQuestionnaire(tx, actor, row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('questionnaire_name_taken', `A questionnaire named "${input.name}" already exists`, { field: 'name' });
    throw e;
  }
}

export async function updateQuestionnaire(ctx: ServiceContext, actor: Actor, id: string, patch: Partial<QuestionnaireInput> & { archived?: boolean | undefined }): Promise<Questionnaire> {
  requirePermission(actor, 'customers.manage');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await scoped(tx, actor).selectFrom('customer_questionnaires').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound('questionnaire', { id });
      const updated = await scoped(tx, actor).updateTable('customer_questionnaires', { name: patch.name ?? row.name, description: patch.description !== undefined ? patch.description : row.description, archived: patch.archived ?? row.archived })
        .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      if (patch.fields) await writeQuestionnaireFields(tx, actor, id, patch.fields);
      return toQuestionnaire(tx, actor, updated);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('questionnaire_name_taken', `A questionnaire named "${patch.name}" already exists`, { field: 'name' });
    throw e;
  }
}

export async function listQuestionnaires(ctx: ServiceContext, actor: Actor): Promise<Questionnaire[]> {
  requirePermission(actor, 'customers.read');
  const rows = await scoped(ctx.db, actor).selectFrom('customer_questionnaires').selectAll().orderBy('name').execute();
  return Promise.all(rows.map((r) => toQuestionnaire(ctx.db, actor, r)));
}

export async function getQuestionnaire(ctx: ServiceContext, actor: Actor, id: string): Promise<Questionnaire> {
  requirePermission(actor, 'customers.read');
  const row = await scoped(ctx.db, actor).selectFrom('customer_questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('questionnaire', { id });
  return toQuestionnaire(ctx.db, actor, row);
}

// ---------------- values ----------------

export interface FieldValue { fieldId: string; key: string; label: string; type: CustomFieldType; value: unknown; updatedAt: string; updatedBy: string | null }

export async function fieldValues(db: Db, scope: TenantScope, customerId: string): Promise<FieldValue[]> {
  const rows = await scoped(db, scope).selectFrom('customer_field_values')
    .innerJoin('customer_fields', 'customer_fields.id', 'customer_field_values.field_id')
    .select(['customer_field_values.field_id', 'customer_fields.key', 'customer_fields.label', 'customer_fields.type', 'customer_field_values.value', 'customer_field_values.updated_at', 'customer_field_values.updated_by'])
    .where('customer_field_values.customer_id', '=', customerId).orderBy('customer_fields.created_at').execute();
  return rows.map((r) => ({ fieldId: r.field_id, key: r.key, label: r.label, type: r.type, value: r.value, updatedAt: r.updated_at.toISOString(), updatedBy: r.updated_by }));
}

/** Required fields of a questionnaire that have no value yet for this customer. */
async function missingRequired(db: Db, scope: TenantScope, customerId: string, questionnaireId: string): Promise<string[]> {
  const q = await scoped(db, scope).selectFrom('customer_questionnaires').select('id').where('id', '=', questionnaireId).executeTakeFirst();
  if (!q) throw notFound('questionnaire', { field: 'questionnaireId' });
  const rows = await sql<{ field_id: string }>`
    SELECT qf.field_id FROM customer_questionnaire_fields qf
    WHERE qf.organization_id = ${scope.organizationId} AND qf.questionnaire_id = ${questionnaireId} AND qf.required
      AND NOT EXISTS (SELECT 1 FROM customer_field_values v WHERE v.organization_id = qf.organization_id AND v.customer_id = ${customerId} AND v.field_id = qf.field_id)
    ORDER BY qf.position`.execute(db);
  return rows.rows.map((r) => r.field_id);
}

export async function getFieldValues(ctx: ServiceContext, actor: Actor, customerId: string, questionnaireId?: string): Promise<{ items: FieldValue[]; missingRequired: string[] }> {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  return { items: await fieldValues(ctx.db, actor, id), missingRequired: questionnaireId ? await missingRequired(ctx.db, actor, id, questionnaireId) : [] };
}


/**
 * Sets (or, with null, clears) values, addressed by field id or key. With a questionnaire, every field it
 * requires must have a value afterwards — the form is complete or nothing is saved.
 */
export async function setFieldValues(ctx: ServiceContext, actor: Actor, customerId: string, input: { values: Record<string, unknown>; questionnaireId?: string | undefined }): Promise<{ items: FieldValue[]; missingRequired: string[] }> {
  requirePermission(actor, 'customers.write');
  return inTransaction(ctx.db, async (tx) => {
    await lockLiveCustomer(tx, actor, customerId);
    const refs = Object.keys(input.values);
    const defs = refs.length ? await scoped(tx, actor).selectFrom('customer_fields').selectAll()
      .where((eb) => eb.or([eb('key', 'in', refs), ...(refs.some((r) => isUuid(r)) ? [eb('id', 'in', refs.filter((r) => isUuid(r)))] : [])])).execute() : [];
    const before = new Map((await fieldValues(tx, actor, customerId)).map((v) => [v.fieldId, v.value]));
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const now = ctx.clock.now();
    for (const [ref, raw] of Object.entries(input.values)) {
      const def = defs.find((d) => d.id === ref || d.key === ref);
      if (!def) throw invalidField(`values.${ref}`, 'no such field in this organization');
      if (raw === null) {
        await scoped(tx, actor).deleteFrom('customer_field_values').where('customer_id', '=', customerId).where('field_id', '=', def.id).execute();
        if (before.has(def.id)) changes[def.key] = { from: before.get(def.id), to: null };
        continue;
      }
      if (def.archived) throw invalidField(`values.${ref}`, `the field "${def.label}" is archived`);
      const checked = checkFieldValue({ type: def.type, label: def.label, options: def.options }, raw);
      if (!checked.ok) throw invalidField(`values.${ref}`, `${def.label}: ${checked.reason}`);
      const json = JSON.stringify(checked.value);
      await sql`INSERT INTO customer_field_values (id, organization_id, customer_id, field_id, value, updated_at, updated_by)
        VALUES (${ctx.ids.next()}, ${actor.organizationId}, ${customerId}, ${def.id}, ${json}::jsonb, ${now}, ${actor.staffId})
        ON CONFLICT (organization_id, customer_id, field_id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`.execute(tx);
      if (JSON.stringify(before.get(def.id) ?? null) !== json) changes[def.key] = { from: before.get(def.id) ?? null, to: checked.value };
    }
    const missing = input.questionnaireId ? await missingRequired(tx, actor, customerId, input.questionnaireId) : [];
    if (missing.length) {
      const labels = (await scoped(tx, actor).selectFrom('customer_fields').select(['id', 'label']).where('id', 'in', missing).execute());
      throw new AppError('questionnaire_incomplete', `Required: ${labels.map((l) => l.label).join(', ')}`, { issues: missing.map((id) => ({ path: `values.${id}`, message: 'is required by this questionnaire' })), missing });
    }
    if (Object.keys(changes).length) await recordProfileChange(tx, ctx, actor, customerId, 'updated', Object.fromEntries(Object.entries(changes).map(([key, change]) => [`fields.${key}`, change])));
    return { items: await fieldValues(tx, actor, customerId), missingRequired: [] };
  });
}
