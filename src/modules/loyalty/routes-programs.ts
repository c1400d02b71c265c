// Programs, club proposals, webhooks and the ledger check: the owner's side of loyalty.
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { commonErrors, errorBody, idParams, listOf, pathIdFirst, type HttpApp } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import { decideClubProposal, listClubProposals } from './club.js';
import { ledgerCheck } from './ledger-check.js';
import { cardFormatSchema, programConfigSchema } from './program-schema.js';
import { archiveProgram, createProgram, getProgram, listProgramVersions, listPrograms, requireProgram, updateProgram } from './programs.js';
import { clubProposalSchema, ledgerCheckSchema, programSchema, webhookEndpointSchema, webhookEventSchema } from './schemas.js';
import { createWebhook, disableWebhook, listDeliveries, listWebhooks } from './webhooks.js';

const errors = { ...commonErrors, 422: errorBody };
const name = z.string().trim().min(1).max(200);

export async function programRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Programs'];
  app.get('/api/loyalty/programs', { schema: { tags, summary: 'Loyalty programs of the organization', response: { 200: listOf(programSchema), ...errors } } },
    async (request) => ({ items: await listPrograms(ctx, actorOf(request)) }));

  app.post('/api/loyalty/programs', {
    schema: {
      tags, summary: 'Create a program (owner): tiers, cumulative discount, club, points, tier rules, margin guard, stacking, refund policy, SMS',
      body: z.object({ name, config: programConfigSchema, cardFormat: cardFormatSchema, isDefault: z.boolean().optional() }),
      response: { 201: programSchema, ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await createProgram(ctx, actorOf(request), request.body)));

  app.get('/api/loyalty/programs/:id', { schema: { tags, summary: 'One program at its current version', params: idParams, response: { 200: programSchema, ...errors } } },
    (request) => getProgram(ctx, actorOf(request), request.params.id));

  app.patch('/api/loyalty/programs/:id', {
    // A whole configuration is required when it changes, so an unknown program is 404 before the body is judged.
    preValidation: pathIdFirst((request, id) => requireProgram(ctx.db, actorOf(request), id)),
    schema: {
      tags, summary: 'Change a program (owner); a new configuration becomes a new version, receipts keep the version they were calculated with',
      params: idParams, body: z.object({ name: name.optional(), config: programConfigSchema.optional(), cardFormat: cardFormatSchema.optional(), isDefault: z.boolean().optional() }),
      response: { 200: programSchema, ...errors },
    },
  }, (request) => updateProgram(ctx, actorOf(request), request.params.id, request.body));

  app.delete('/api/loyalty/programs/:id', { schema: { tags, summary: 'Archive a program (owner); its history stays', params: idParams, response: { 200: programSchema, ...errors } } },
    (request) => archiveProgram(ctx, actorOf(request), request.params.id));

  app.get('/api/loyalty/programs/:id/versions', {
    schema: { tags, summary: 'Every configuration the program had, newest first (owner)', params: idParams, response: { 200: listOf(z.object({ version: z.number().int(), config: programConfigSchema, createdAt: z.string(), createdBy: z.uuid().nullable() })), ...errors } },
  }, async (request) => ({ items: await listProgramVersions(ctx, actorOf(request), request.params.id) }));

  app.get('/api/loyalty/programs/:id/ledger-check', {
    schema: { tags, summary: 'Check the ledger invariants of a program from its transfers (owner)', params: idParams, response: { 200: ledgerCheckSchema, ...errors } },
  }, (request) => ledgerCheck(ctx, actorOf(request), request.params.id));

  const clubTags = ['Club'];
  app.get('/api/loyalty/club/proposals', {
    schema: {
      tags: clubTags, summary: 'Club proposals from the daily evaluation (owner)',
      querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'applied']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: listOf(clubProposalSchema), ...errors },
    },
  }, async (request) => ({ items: await listClubProposals(ctx, actorOf(request), request.query) }));
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/api/loyalty/club/proposals/:id/${decision}`, {
      schema: { tags: clubTags, summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a club proposal (owner)`, params: idParams, response: { 200: clubProposalSchema, ...errors } },
    }, (request) => decideClubProposal(ctx, actorOf(request), request.params.id, decision));
  }

  const hookTags = ['Webhooks'];
  app.get('/api/loyalty/webhooks', { schema: { tags: hookTags, summary: 'Webhook endpoints (owner)', response: { 200: listOf(webhookEndpointSchema), ...errors } } },
    async (request) => ({ items: await listWebhooks(ctx, actorOf(request)) }));
  app.post('/api/loyalty/webhooks', {
    schema: {
      tags: hookTags, summary: 'Subscribe a URL to events (owner); the signing secret is shown only in this answer',
      body: z.object({ url: z.url().max(2000), events: z.array(webhookEventSchema).min(1) }),
      response: { 201: z.object({ endpoint: webhookEndpointSchema, secret: z.string() }), ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await createWebhook(ctx, actorOf(request), request.body)));
  app.delete('/api/loyalty/webhooks/:id', { schema: { tags: hookTags, summary: 'Stop sending to an endpoint (owner)', params: idParams, response: { 200: webhookEndpointSchema, ...errors } } },
    (request) => disableWebhook(ctx, actorOf(request), request.params.id));
  app.get('/api/loyalty/webhooks/:id/deliveries', {
    schema: {
      tags: hookTags, summary: 'Recent deliveries to an endpoint with their attempts (owner)', params: idParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: listOf(z.object({ id: z.uuid(), event: z.string(), status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number().int(), nextAttemptAt: z.string(), lastStatus: z.number().int().nullable(), lastError: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable(), payload: z.unknown() })), ...errors },
    },
  }, async (request) => ({ items: await listDeliveries(ctx, actorOf(request), request.params.id, request.query.limit) }));
}
