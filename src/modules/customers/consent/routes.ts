// HTTP routes of consent.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { channelSchema, ownRow, text } from '../schemas.js';
import { changeConsent, getConsent } from './service.js';

const consentSchema = z.object({
  current: z.array(z.object({ channel: channelSchema, granted: z.boolean(), at: z.string().nullable(), source: z.string().nullable(), eventId: z.uuid().nullable() })),
  history: z.array(z.object({
    id: z.uuid(), customerId: z.uuid(), channel: channelSchema, granted: z.boolean(), at: z.string(), source: z.string(), note: z.string().nullable(),
    staffId: z.string().nullable(), apiKeyId: z.string().nullable(), recordedAt: z.string(),
  })),
}).meta({ id: 'CustomerConsent' });

export async function consentRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customers'];
  app.get('/api/customers/:id/consents', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Consent per channel now, and its full history', params: idParams, response: { 200: consentSchema, ...commonErrors } },
  }, (request) => getConsent(ctx, actorOf(request), request.params.id));
  app.post('/api/customers/:id/consents', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: {
      tags, summary: 'Record consent given or withdrawn for channels, with how (source) and when', params: idParams,
      body: z.object({
        channels: z.array(channelSchema).min(1).max(5), granted: z.boolean(),
        source: text(200).min(1).describe('How: "paper form", "web", "till", "phone call", "import"…'), note: text(2000).nullable().optional(),
        at: z.iso.datetime({ offset: true }).optional().describe('When the customer gave or withdrew it; default now'),
      }),
      response: { 201: consentSchema, ...commonErrors },
    },
  }, async (request, reply) => reply.code(201).send(await changeConsent(ctx, actorOf(request), request.params.id, request.body)));
}
