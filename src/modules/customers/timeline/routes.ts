// HTTP route of the profile timeline.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { ownRow } from '../schemas.js';
import { timeline } from './service.js';

const timelineSchema = z.object({
  customerId: z.uuid().describe('The profile shown (the survivor when the id asked for was merged into it)'),
  items: z.array(z.object({
    id: z.string(), at: z.string(), source: z.string().describe('interactions, consent, profile, or a module such as loyalty'),
    type: z.string().describe('call, complaint, consent_given, profile_updated, purchase…'), summary: z.string(), staffId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })),
  next: z.string().nullable(),
}).meta({ id: 'CustomerTimeline' });

export async function timelineRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  app.get('/api/customers/:id/timeline', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags: ['Customers'], summary: 'Everything that happened with a customer, newest first', params: idParams, querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: timelineSchema, ...commonErrors } },
  }, (request) => timeline(ctx, actorOf(request), request.params.id, request.query));
}
