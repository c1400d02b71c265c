// HTTP routes of duplicates and merges.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, listOf, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { MERGE_FIELDS } from '../domain/merge.js';
import { dismissDuplicate, listDuplicates, scanDuplicatesNow } from '../duplicates/service.js';
import { ownRow } from '../schemas.js';
import { customerMatchSchema } from '../search/routes.js';
import { mergeCustomers, undoMerge } from './service.js';
import { getMerge, mergePreview, mergesOf } from './view.js';

const side = z.enum(['survivor', 'loser']);
const mergeSchema = z.object({
  id: z.uuid(), survivorId: z.uuid(), loserId: z.uuid(), staffId: z.string().nullable(), at: z.string(),
  choices: z.record(z.string(), side), fieldsWritten: z.array(z.string()).describe('Columns of the survivor the merge changed'),
  moved: z.record(z.string(), z.number().int()).describe('Rows moved from the loser, per table'),
  otherModules: z.array(z.string()).describe('Modules that moved their rows too (cards, purchases…)'),
  undoable: z.boolean(), undoneAt: z.string().nullable(), undoneBy: z.string().nullable(),
}).meta({ id: 'CustomerMerge' });
const duplicateSchema = z.object({
  id: z.uuid(), score: z.number().int().describe('0–100: how likely the two are one person'),
  reasons: z.array(z.object({ kind: z.enum(['phone', 'email', 'document', 'name_birth_date']), similarity: z.number().optional() })),
  status: z.enum(['open', 'dismissed', 'merged']), foundAt: z.string(), decidedAt: z.string().nullable(), decidedBy: z.string().nullable(),
  a: customerMatchSchema, b: customerMatchSchema,
}).meta({ id: 'DuplicateProposal' });
const value = z.union([z.string(), z.array(z.string()), z.null()]);

export async function mergeRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customer duplicates'];
  app.get('/api/duplicates', {
    schema: { tags, summary: 'Likely duplicate profiles, best first', querystring: z.object({ status: z.enum(['open', 'dismissed', 'merged']).default('open'), customerId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: listOf(duplicateSchema), ...commonErrors } },
  }, async (request) => ({ items: await listDuplicates(ctx, actorOf(request), request.query) }));
  app.post('/api/duplicates/scan', {
    schema: { tags, summary: 'Look for duplicates now among recent changes (owner, manager); the job does it every few minutes', response: { 200: z.object({ scanned: z.number().int(), proposed: z.number().int() }), ...commonErrors } },
  }, (request) => scanDuplicatesNow(ctx, actorOf(request)));
  app.post('/api/duplicates/:id/dismiss', {
    preValidation: ownRow(ctx, 'customer_duplicates', 'duplicate'),
    schema: { tags, summary: 'Not the same person: do not propose this pair again', params: idParams, response: { 200: z.object({ id: z.uuid(), status: z.literal('dismissed') }), ...commonErrors } },
  }, (request) => dismissDuplicate(ctx, actorOf(request), request.params.id));

  app.get('/api/customers/:id/merge-preview', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: {
      tags, summary: 'Two profiles side by side with the default choice per field, before merging the other into this one', params: idParams, querystring: z.object({ loserId: z.uuid() }),
      response: { 200: z.object({
        survivorId: z.uuid(), loserId: z.uuid(),
        fields: z.array(z.object({ field: z.enum(MERGE_FIELDS), survivor: value, loser: value, choice: side })),
        united: z.array(z.object({ field: z.enum(['tags', 'hobbies']), survivor: z.array(z.string()), loser: z.array(z.string()), result: z.array(z.string()) })),
        loserRows: z.record(z.string(), z.number().int()),
      }), ...commonErrors },
    },
  }, (request) => mergePreview(ctx, actorOf(request), request.params.id, request.query.loserId));
  app.post('/api/customers/:id/merge', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: {
      tags, summary: 'Merge another profile (loserId) into this one, choosing per field; everything of the other moves here (owner, manager)', params: idParams,
      body: z.object({ loserId: z.uuid(), choices: z.partialRecord(z.enum(MERGE_FIELDS), side).optional().describe('Which profile each field is taken from; default: this one, or the other where this one is empty') }),
      response: { 201: mergeSchema, ...commonErrors },
    },
  }, async (request, reply) => reply.code(201).send(await mergeCustomers(ctx, actorOf(request), request.params.id, request.body)));
  app.get('/api/customers/:id/merges', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Merges this profile took part in', params: idParams, response: { 200: listOf(mergeSchema), ...commonErrors } },
  }, async (request) => ({ items: await mergesOf(ctx, actorOf(request), request.params.id) }));
  app.get('/api/merges/:id', {
    preValidation: ownRow(ctx, 'customer_merges', 'merge'),
    schema: { tags, summary: 'One merge', params: idParams, response: { 200: mergeSchema, ...commonErrors } },
  }, (request) => getMerge(ctx, actorOf(request), request.params.id));
  app.post('/api/merges/:id/undo', {
    preValidation: ownRow(ctx, 'customer_merges', 'merge'),
    schema: { tags, summary: 'Undo a merge: the other profile comes back with exactly what moved (owner, manager)', params: idParams, response: { 200: mergeSchema.extend({ keptEdits: z.array(z.string()).describe('Fields changed after the merge, kept as they are') }), ...commonErrors } },
  }, (request) => undoMerge(ctx, actorOf(request), request.params.id));
}
