// Cards HTTP routes: issue, batches, bind, block, replace, history, barcode / QR images, printable sheets.
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { scoped } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { commonErrors, errorBody, idParams, listOf, pathIdFirst, type HttpApp } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import { cardHistory } from './card-history.js';
import { batchSheet, cardImage, MAX_SHEET_CARDS } from './card-media.js';
import { bindCard, blockCard, getCard, issueBatch, issueCard, listBatches, listCards, replaceCard, unblockCard } from './cards.js';
import { batchSchema, cardSchema } from './schemas.js';

const errors = { ...commonErrors, 422: errorBody };
// Images and PDFs are sent as-is (a string or Buffer with a non-JSON content type is never serialized);
// the `as never` casts only tell the schema-typed reply that the 200 body is not JSON.

/**
 * Routes whose body is required answer 404 for another organization's card before they look at the
 * body, so an id from elsewhere is indistinguishable from an unknown one.
 */
function cardMustExist(ctx: ServiceContext) {
  return pathIdFirst(async (request, id) => {
    const row = await scoped(ctx.db, actorOf(request)).selectFrom('loyalty_cards').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('card', { id });
  });
}

export async function cardRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Cards'];
  app.post('/api/cards', {
    schema: {
      tags, summary: 'Issue a personal card to a customer (VIP-like tiers: owner or manager); the number is generated unless a pre-printed one is given',
      body: z.object({ programId: z.uuid().optional(), customerId: z.uuid(), tier: z.string().min(1).max(40).optional(), number: z.string().trim().min(8).max(40).optional() }),
      response: { 201: cardSchema, ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await issueCard(ctx, actorOf(request), request.body)));

  app.get('/api/cards', {
    schema: {
      tags, summary: 'Cards, newest first, filtered by customer, batch, number or status',
      querystring: z.object({
        customerId: z.uuid().optional(), batchId: z.uuid().optional(), number: z.string().max(40).optional(), status: z.enum(['active', 'blocked', 'replaced']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: listOf(cardSchema), ...errors },
    },
  }, async (request) => ({ items: await listCards(ctx, actorOf(request), request.query) }));

  app.get('/api/cards/:id', { schema: { tags, summary: 'One card', params: idParams, response: { 200: cardSchema, ...errors } } },
    (request) => getCard(ctx, actorOf(request), request.params.id));

  app.post('/api/cards/:id/bind', {
    preValidation: cardMustExist(ctx),
    schema: { tags, summary: 'Bind a bearer card to a customer (first use)', params: idParams, body: z.object({ customerId: z.uuid() }), response: { 200: cardSchema, ...errors } },
  }, (request) => bindCard(ctx, actorOf(request), request.params.id, request.body));

  app.post('/api/cards/:id/block', {
    schema: { tags, summary: 'Block a card (lost, stolen, misused)', params: idParams, body: z.object({ reason: z.string().trim().max(500).optional() }).optional(), response: { 200: cardSchema, ...errors } },
  }, (request) => blockCard(ctx, actorOf(request), request.params.id, request.body ?? {}));

  app.post('/api/cards/:id/unblock', {
    schema: { tags, summary: 'Unblock a card (owner or manager)', params: idParams, response: { 200: cardSchema, ...errors } },
  }, (request) => unblockCard(ctx, actorOf(request), request.params.id));

  app.post('/api/cards/:id/replace', {
    schema: {
      tags, summary: 'Replace a card: a new card for the same holder and tier; the balance stays with the customer and the history follows',
      params: idParams, body: z.object({ number: z.string().trim().min(8).max(40).optional(), reason: z.string().trim().max(500).optional() }).optional(),
      response: { 201: cardSchema, ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await replaceCard(ctx, actorOf(request), request.params.id, request.body ?? {})));

  app.get('/api/cards/:id/history', {
    schema: {
      tags, summary: 'Everything that happened to the card and the cards it replaced: events, receipts, refunds (newest first)',
      params: idParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: listOf(z.object({ at: z.string(), kind: z.string(), cardId: z.uuid(), receiptId: z.string().nullable(), details: z.record(z.string(), z.unknown()) })), ...errors },
    },
  }, async (request) => ({ items: await cardHistory(ctx, actorOf(request), request.params.id, request.query.limit) }));

  const symbology = z.object({ symbology: z.enum(['ean13', 'code128']).optional().describe('default: EAN-13 for 13-digit numbers, else Code 128') });
  for (const format of ['svg', 'png'] as const) {
    app.get(`/api/cards/:id/barcode.${format}`, {
      schema: { tags, summary: `The card's barcode as ${format.toUpperCase()} (image/${format === 'svg' ? 'svg+xml' : 'png'})`, params: idParams, querystring: symbology, response: errors },
    }, async (request, reply) => {
      const image = await cardImage(ctx, actorOf(request), request.params.id, format, 'barcode', request.query.symbology);
      return reply.type(image.contentType).header('cache-control', 'private, max-age=86400').send(image.body as never);
    });
    app.get(`/api/cards/:id/qr.${format}`, {
      schema: { tags, summary: `The card's number as a QR code, ${format.toUpperCase()}`, params: idParams, response: errors },
    }, async (request, reply) => {
      const image = await cardImage(ctx, actorOf(request), request.params.id, format, 'qr');
      return reply.type(image.contentType).header('cache-control', 'private, max-age=86400').send(image.body as never);
    });
  }

  app.post('/api/card-batches', {
    schema: {
      tags, summary: 'Pre-issue a batch of bearer cards (owner)',
      body: z.object({ programId: z.uuid().optional(), tier: z.string().min(1).max(40).optional(), count: z.number().int().min(1).max(100_000) }),
      response: { 201: batchSchema, ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await issueBatch(ctx, actorOf(request), request.body)));

  app.get('/api/card-batches', { schema: { tags, summary: 'Batches of bearer cards (owner)', response: { 200: listOf(batchSchema), ...errors } } },
    async (request) => ({ items: await listBatches(ctx, actorOf(request)) }));

  app.get('/api/card-batches/:id/sheet.pdf', {
    schema: {
      tags, summary: `A printable PDF of a batch (application/pdf), ten cards per A4 page, at most ${MAX_SHEET_CARDS} cards per file`,
      params: idParams, querystring: z.object({ offset: z.coerce.number().int().min(0).default(0), count: z.coerce.number().int().min(1).max(MAX_SHEET_CARDS).default(MAX_SHEET_CARDS) }),
      response: errors,
    },
  }, async (request, reply) => {
    const pdf = await batchSheet(ctx, actorOf(request), request.params.id, request.query.offset, request.query.count);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="cards-${request.params.id}.pdf"`).send(pdf as never);
  });
}
