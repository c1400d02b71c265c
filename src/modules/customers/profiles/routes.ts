// HTTP routes of profiles: edit, list, relationships and occasions.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, listOf, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { customerFieldsSchema, customerSchema, filterQuery, isoDate, okSchema, ownRow, pageQuery, text } from '../schemas.js';
import { listCustomers } from './list.js';
import { addOccasion, addRelation, listOccasions, listRelations, removeOccasion, removeRelation } from './relations.js';
import { updateCustomer } from './update.js';

const relationKind = z.enum(['spouse', 'partner', 'child', 'parent', 'sibling', 'contact_person', 'other']);
const relationSchema = z.object({
  id: z.uuid(), kind: relationKind, direction: z.enum(['outgoing', 'incoming']).describe('outgoing: this customer has the relation (a child, a contact person); incoming: the other customer has it'),
  customerId: z.uuid(), relatedCustomerId: z.uuid().nullable(), other: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  name: z.string().nullable(), birthDate: z.string().nullable(), role: z.string().nullable(), note: z.string().nullable(), createdAt: z.string(),
}).meta({ id: 'CustomerRelation' });
const occasionSchema = z.object({
  id: z.uuid(), customerId: z.uuid(), kind: z.enum(['anniversary', 'name_day', 'other']), label: z.string().nullable(),
  month: z.number().int(), day: z.number().int(), year: z.number().int().nullable(), createdAt: z.string(),
}).meta({ id: 'CustomerOccasion' });

export async function profileRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customers'];
  const customer = ownRow(ctx, 'customers', 'customer');

  app.get('/api/customers', {
    schema: { tags, summary: 'Customers, newest first, filtered; one page at a time', querystring: filterQuery.extend(pageQuery.shape), response: { 200: z.object({ items: z.array(customerSchema), next: z.uuid().nullable() }), ...commonErrors } },
  }, (request) => {
    const { cursor, limit, ...filters } = request.query;
    return listCustomers(ctx, actorOf(request), filters, { cursor, limit });
  });

  app.patch('/api/customers/:id', {
    preValidation: customer,
    schema: { tags, summary: 'Change a customer; lists (phones, emails, addresses, tags, hobbies) are replaced when given', params: idParams, body: customerFieldsSchema, response: { 200: customerSchema, ...commonErrors } },
  }, (request) => updateCustomer(ctx, actorOf(request), request.params.id, request.body));

  app.get('/api/customers/:id/relations', {
    preValidation: customer,
    schema: { tags, summary: 'Relationships of a customer: spouse, children, contact persons, in both directions', params: idParams, response: { 200: listOf(relationSchema), ...commonErrors } },
  }, async (request) => ({ items: await listRelations(ctx, actorOf(request), request.params.id) }));
  app.post('/api/customers/:id/relations', {
    preValidation: customer,
    schema: {
      tags, summary: 'Add a relationship (a company adds its contact persons with their role)', params: idParams,
      body: z.object({ kind: relationKind, relatedCustomerId: z.uuid().nullable().optional(), name: text(300).min(1).nullable().optional(), birthDate: isoDate.nullable().optional(), role: text(200).nullable().optional(), note: text(2000).nullable().optional() }),
      response: { 201: relationSchema, ...commonErrors },
    },
  }, async (request, reply) => reply.code(201).send(await addRelation(ctx, actorOf(request), request.params.id, request.body)));
  app.delete('/api/customer-relations/:id', {
    preValidation: ownRow(ctx, 'customer_relations', 'relation'),
    schema: { tags, summary: 'Remove a relationship', params: idParams, response: { 200: okSchema, ...commonErrors } },
  }, async (request) => { await removeRelation(ctx, actorOf(request), request.params.id); return { ok: true as const }; });

  app.get('/api/customers/:id/occasions', {
    preValidation: customer,
    schema: { tags, summary: 'Occasions of a customer (anniversaries, name days)', params: idParams, response: { 200: listOf(occasionSchema), ...commonErrors } },
  }, async (request) => ({ items: await listOccasions(ctx, actorOf(request), request.params.id) }));
  app.post('/api/customers/:id/occasions', {
    preValidation: customer,
    schema: {
      tags, summary: 'Add an occasion', params: idParams,
      body: z.object({ kind: z.enum(['anniversary', 'name_day', 'other']), label: text(200).nullable().optional(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), year: z.number().int().min(1900).max(2200).nullable().optional() }),
      response: { 201: occasionSchema, ...commonErrors },
    },
  }, async (request, reply) => reply.code(201).send(await addOccasion(ctx, actorOf(request), request.params.id, request.body)));
  app.delete('/api/customer-occasions/:id', {
    preValidation: ownRow(ctx, 'customer_occasions', 'occasion'),
    schema: { tags, summary: 'Remove an occasion', params: idParams, response: { 200: okSchema, ...commonErrors } },
  }, async (request) => { await removeOccasion(ctx, actorOf(request), request.params.id); return { ok: true as const }; });
}
