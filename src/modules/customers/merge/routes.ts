// HTTP routes of duplicates and merges.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, listOf, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { MERGE_FIELDS } from '../domain/merge.js';
import { dismissDuplicate, getDuplicateScan, latestDuplicateScan, listDuplicates, startDuplicateScan } from '../duplicates/service.js';
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
const scanSchema = z.object({
  id: z.uuid(), status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({
    checked: z.number().int().describe('Customers looked at so far'), total: z.number().int().nullable().describe('Customers to look at; null until the job has counted them'),
    percent: z.number().int().min(0).max(100),
  }),
  result: z.object({ scanned: z.number().int().describe('Customers checked'), proposed: z.number().int().describe('Pairs proposed or refreshed') }).nullable().describe('When done'),
  startedAt: z.string(), finishedAt: z.string().nullable(),
}).meta({ id: 'DuplicateScan' });
const value = z.union([z.string(), z.array(z.string()), z.null()]);

export async function mergeRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customer duplicates'];
  app.get('/api/duplicates', {
    schema: { tags, summary: 'Likely duplicate profiles, best first', querystring: z.object({ status: z.enum(['open', 'dismissed', 'merged']).default('open'), customerId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: listOf(duplicateSchema), ...commonErrors } },
  }, async (request) => ({ items: await listDuplicates(ctx, actorOf(request), request.query) }));
  app.post('/api/duplicates/scan', {
    schema: {
      tags, summary: 'Look for duplicates now among recent changes (owner, manager): queues a scan and answers at once; while one is queued or running, answers that one (200) instead of starting another (202). The recurring job does the same every few minutes',
      response: { 200: scanSchema, 202: scanSchema, ...commonErrors },
    },
  }, async (request, reply) => {
    const { started, scan } = await startDuplicateScan(ctx, actorOf(request));
    return reply.code(started ? 202 : 200).send(scan);
  });
  app.get('/api/duplicates/scan', {
    schema: { tags, summary: 'The latest scan asked for, with its progress or result (null if none yet)', response: { 200: z.object({ scan: scanSchema.nullable() }), ...commonErrors } },
  }, async (request) => ({ scan: await latestDuplicateScan(ctx, actorOf(request)) }));
  app.get('/api/duplicates/scans/:id', {
    schema: { tags, summary: 'One scan asked for: queued, running with its progress, done with its result, or failed', params: idParams, response: { 200: scanSchema, ...commonErrors } },
  }, (request) => getDuplicateScan(ctx, actorOf(request), request.params.id));
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
