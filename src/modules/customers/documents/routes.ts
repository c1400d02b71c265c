// HTTP routes of identity documents.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, errorBody, idParams, listOf, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { isoDate, okSchema, ownRow, text } from '../schemas.js';
import { addDocument, listDocuments, removeDocument, updateDocument } from './service.js';

const documentType = z.enum(['passport', 'foreign_passport', 'national_id', 'residence_permit', 'driving_licence', 'visa', 'birth_certificate', 'other']);
const documentSchema = z.object({
  id: z.uuid(), customerId: z.uuid(), type: documentType,
  numberMasked: z.string().describe('The last characters of the number, e.g. "•••• 4567"'),
  masked: z.boolean().describe('true when the caller may not see the document (no customers.documents permission): the fields below are null'),
  series: z.string().nullable(), number: z.string().nullable(), expiresOn: z.string().nullable(), citizenship: z.string().nullable(),
  issuedOn: z.string().nullable(), issuedBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'CustomerDocument' });
const documentBody = z.object({
  type: documentType, series: text(20).nullable().optional(), number: text(40).min(1), expiresOn: isoDate.nullable().optional(),
  citizenship: text(3).nullable().optional().describe('Country code as in the passport (RUS, EST) or ISO alpha-2'), issuedOn: isoDate.nullable().optional(), issuedBy: text(500).nullable().optional(),
});

export async function documentRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customers'];
  const errors = { ...commonErrors, 503: errorBody };
  app.get('/api/customers/:id/documents', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Identity documents of a customer (masked without the customers.documents permission)', params: idParams, response: { 200: listOf(documentSchema), ...errors } },
  }, async (request) => ({ items: await listDocuments(ctx, actorOf(request), request.params.id) }));
  app.post('/api/customers/:id/documents', {
    preValidation: ownRow(ctx, 'customers', 'customer'),
    schema: { tags, summary: 'Add an identity document (stored encrypted; customers.documents permission)', params: idParams, body: documentBody, response: { 201: documentSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await addDocument(ctx, actorOf(request), request.params.id, request.body)));
  app.patch('/api/customer-documents/:id', {
    preValidation: ownRow(ctx, 'customer_documents', 'document'),
    schema: { tags, summary: 'Change an identity document (customers.documents permission)', params: idParams, body: documentBody.partial(), response: { 200: documentSchema, ...errors } },
  }, (request) => updateDocument(ctx, actorOf(request), request.params.id, request.body));
  app.delete('/api/customer-documents/:id', {
    preValidation: ownRow(ctx, 'customer_documents', 'document'),
    schema: { tags, summary: 'Remove an identity document (customers.documents permission)', params: idParams, response: { 200: okSchema, ...errors } },
  }, async (request) => { await removeDocument(ctx, actorOf(request), request.params.id); return { ok: true as const }; });
}
