// Customer HTTP routes (core).
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { commonErrors, idParams, type HttpApp } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import * as service from './service.js';

const text = (max: number) => z.string().trim().max(max);
const optionalName = text(200).min(1).nullable().optional();

export const customerSchema = z.object({
  id: z.uuid(), kind: z.enum(['person', 'company']), displayName: z.string(),
  familyName: z.string().nullable(), givenNames: z.string().nullable(), patronymic: z.string().nullable(),
  familyNameLatin: z.string().nullable(), givenNamesLatin: z.string().nullable(), companyName: z.string().nullable(),
  gender: z.enum(['female', 'male', 'other']).nullable(), birthDate: z.string().nullable(),
  preferredLanguage: z.string().nullable(), preferredChannel: z.enum(['email', 'sms', 'messenger', 'phone', 'post']).nullable(),
  managerId: z.string().nullable(), source: z.string().nullable(), notes: z.string().nullable(), tags: z.array(z.string()),
  externalId: z.string().nullable(), phones: z.array(z.string()), emails: z.array(z.string()),
  erased: z.boolean(), mergedIntoId: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'Customer' });

export const customerInputSchema = z.object({
  kind: z.enum(['person', 'company']).optional(),
  familyName: optionalName, givenNames: optionalName, patronymic: optionalName,
  familyNameLatin: optionalName, givenNamesLatin: optionalName, companyName: text(300).min(1).nullable().optional(),
  gender: z.enum(['female', 'male', 'other']).nullable().optional(),
  birthDate: z.iso.date('must be a date as YYYY-MM-DD').nullable().optional(),
  phones: z.array(text(50)).max(10).optional(), emails: z.array(text(320)).max(10).optional(),
  preferredLanguage: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as en, ru or ar').nullable().optional(),
  preferredChannel: z.enum(['email', 'sms', 'messenger', 'phone', 'post']).nullable().optional(),
  managerId: z.uuid().nullable().optional(), source: text(200).nullable().optional(), notes: text(20_000).nullable().optional(),
  tags: z.array(text(100).min(1)).max(100).optional(), externalId: text(200).min(1).nullable().optional(),
}).meta({ id: 'CustomerFields' });

export async function customerRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Customers'];
  app.post('/api/customers', { schema: { tags, summary: 'Add a customer (a person or a company)', body: customerInputSchema, response: { 201: customerSchema, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await service.createCustomer(ctx, actorOf(request), request.body)));
  app.get('/api/customers/:id', { schema: { tags, summary: 'One customer', params: idParams, response: { 200: customerSchema, ...commonErrors } } },
    (request) => service.getCustomer(ctx, actorOf(request), request.params.id));
}
