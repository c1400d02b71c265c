// HTTP routes of privacy requests.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { customerSchema, ownRow, text } from '../schemas.js';
import { eraseCustomer, exportCustomerData } from './service.js';

const reasonBody = z.object({ reason: text(1000).min(3).describe('Why: "customer request by e-mail of 2026-03-14", "GDPR art. 15 request"…') });

export async function privacyRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customer privacy'];
  app.post('/api/customers/:id/privacy-export', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: {
      tags, summary: 'Everything held about one customer, as JSON (owner, manager; logged with the reason)', params: idParams, body: reasonBody,
      response: { 200: z.object({ exportedAt: z.string(), organizationId: z.uuid(), customer: customerSchema, mergedProfiles: z.array(z.record(z.string(), z.unknown())), modules: z.record(z.string(), z.unknown()) }).catchall(z.unknown()).meta({ id: 'CustomerDataExport' }), ...commonErrors },
    },
  }, (request) => exportCustomerData(ctx, actorOf(request), request.params.id, request.body));
  app.post('/api/customers/:id/erase', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Erase a customer on request: personal data removed, purchases kept anonymous (owner, manager; irreversible; logged with the reason)', params: idParams, body: reasonBody, response: { 200: customerSchema, ...commonErrors } },
  }, (request) => eraseCustomer(ctx, actorOf(request), request.params.id, request.body));
}
