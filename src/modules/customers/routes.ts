// Customer HTTP routes: the core (create, read) and every area's routes.
import type { ServiceContext } from '../../platform/context.js';
import { commonErrors, idParams, type HttpApp } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import { consentRoutes } from './consent/routes.js';
import { documentRoutes } from './documents/routes.js';
import { exportRoutes } from './export/routes.js';
import { interactionRoutes } from './interactions/routes.js';
import { mergeRoutes } from './merge/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { profileRoutes } from './profiles/routes.js';
import { questionnaireRoutes } from './questionnaires/routes.js';
import { customerFieldsSchema, customerSchema, ownRow } from './schemas.js';
import { searchRoutes } from './search/routes.js';
import * as service from './service.js';
import { timelineRoutes } from './timeline/routes.js';

export { customerFieldsSchema as customerInputSchema, customerSchema };

export async function customerRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customers'];
  app.post('/api/customers', { schema: { tags, summary: 'Add a customer (a person or a company)', body: customerFieldsSchema, response: { 201: customerSchema, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await service.createCustomer(ctx, actorOf(request), request.body)));
  app.get('/api/customers/:id', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'One customer (a merged-away id answers with the profile it was merged into)', params: idParams, response: { 200: customerSchema, ...commonErrors } },
  }, (request) => service.getCustomer(ctx, actorOf(request), request.params.id));
  await profileRoutes(app, ctx);
  await searchRoutes(app, ctx);
  await documentRoutes(app, ctx);
  await questionnaireRoutes(app, ctx);
  await consentRoutes(app, ctx);
  await interactionRoutes(app, ctx);
  await timelineRoutes(app, ctx);
  await mergeRoutes(app, ctx);
  await privacyRoutes(app, ctx);
  await exportRoutes(app, ctx);
}
