// A customer's points (balance, history, adjustments, tier history), the personal page link, and the
// public endpoint that page uses to show a one-time QR code.
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { commonErrors, errorBody, idParams, listOf, pathIdFirst, type HttpApp } from '../../platform/http.js';
import { getCustomer } from '../customers/index.js';
import { actorOf } from '../tenancy/index.js';
import { adjustPoints, customerBalance, customerHistory, tierHistory } from './customer-points.js';
import { readerActor } from './org.js';
import { createCustomerLink, issueQrToken } from './qr.js';
import { adjustAnswerSchema, adjustBodySchema, balanceSchema, historyItemSchema } from './schemas.js';

const errors = { ...commonErrors, 422: errorBody };
const program = z.object({ programId: z.uuid().optional() });

export async function customerPointsRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Points'];
  app.get('/api/loyalty/customers/:id/balance', {
    schema: { tags, summary: 'Spendable and pending points with their lots (what the customer has right now)', params: idParams, querystring: program, response: { 200: balanceSchema, ...errors } },
  }, (request) => customerBalance(ctx, actorOf(request), request.params.id, request.query));

  app.get('/api/loyalty/customers/:id/history', {
    schema: {
      tags, summary: 'Ledger entries of the customer, newest first: accruals, spending, unlocks, expiry, refunds, adjustments',
      params: idParams, querystring: program.extend({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.iso.datetime({ offset: true }).optional() }),
      response: { 200: listOf(historyItemSchema), ...errors },
    },
  }, (request) => customerHistory(ctx, actorOf(request), request.params.id, request.query));

  app.post('/api/loyalty/customers/:id/adjustments', {
    // The body is required, so another organization's customer id is answered 404 before the body is judged.
    preValidation: pathIdFirst((request, id) => getCustomer(ctx, readerActor(actorOf(request), actorOf(request)), id)),
    schema: {
      tags, summary: 'Add or take points by hand (owner or manager), with a mandatory reason recorded in the audit log; idempotent by adjustmentId',
      params: idParams, body: adjustBodySchema, response: { 200: adjustAnswerSchema, ...errors },
    },
  }, (request) => adjustPoints(ctx, actorOf(request), request.params.id, request.body));

  app.get('/api/loyalty/customers/:id/tier-history', {
    schema: {
      tags, summary: 'Tier and club changes of the customer, newest first', params: idParams,
      response: { 200: listOf(z.object({ id: z.uuid(), programId: z.uuid(), kind: z.enum(['tier', 'club']), from: z.string().nullable(), to: z.string().nullable(), reason: z.string(), details: z.record(z.string(), z.unknown()), staffId: z.uuid().nullable(), at: z.string() })), ...errors },
    },
  }, async (request) => ({ items: await tierHistory(ctx, actorOf(request), request.params.id) }));

  app.post('/api/loyalty/customers/:id/page-link', {
    schema: {
      tags, summary: 'A new personal page link for the customer (shown once); the page shows one-time QR codes for the till. Earlier links stop working.',
      params: idParams, body: program.optional(), response: { 201: z.object({ link: z.string(), programId: z.uuid(), createdAt: z.string() }), ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await createCustomerLink(ctx, actorOf(request), request.params.id, request.body ?? {})));

  app.post('/api/public/loyalty/qr-token', {
    config: { public: true },
    schema: {
      tags, summary: 'For the customer\'s own page: a one-time QR token (valid 5 minutes) with its QR code as SVG, and the points', security: [],
      body: z.object({ link: z.string().min(10).max(200) }),
      response: { 200: z.object({ token: z.string(), expiresAt: z.string(), svg: z.string(), points: z.object({ spendable: z.number().int(), pending: z.number().int() }).nullable(), tier: z.string().nullable() }), 400: errorBody, 404: errorBody },
    },
  }, (request) => issueQrToken(ctx, request.body.link));
}
