// HTTP route of the search.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { filterQuery, text } from '../schemas.js';
import { searchCustomers } from './service.js';

export const customerMatchSchema = z.object({
  id: z.uuid(), kind: z.enum(['person', 'company']), displayName: z.string(),
  familyName: z.string().nullable(), givenNames: z.string().nullable(), patronymic: z.string().nullable(),
  familyNameLatin: z.string().nullable(), givenNamesLatin: z.string().nullable(), companyName: z.string().nullable(),
  birthDate: z.string().nullable(), phone: z.string().nullable().describe('Masked: "+7 ••• 4567"'), email: z.string().nullable().describe('Masked: "a•••@example.com"'),
  document: z.string().nullable().describe('Type and masked number: "passport •••• 4567"'), cards: z.array(z.string()), tags: z.array(z.string()),
  matchedBy: z.array(z.string()).describe('name, phone, phone_tail, email, document, birth_date, or a registered lookup such as card'), score: z.number(),
}).meta({ id: 'CustomerMatch' });

const searchResultSchema = z.object({
  items: z.array(customerMatchSchema),
  more: z.boolean().describe('More people match: narrow down'),
  distinguishing: z.array(z.enum(['givenNames', 'patronymic', 'birthDate', 'document', 'cards', 'phone'])).describe('Fields that differ among the people returned'),
  understoodAs: z.object({ kind: z.enum(['name', 'number', 'email', 'filters']), words: z.array(z.string()), birthDate: z.string().nullable(), birthYear: z.number().int().nullable() }),
}).meta({ id: 'CustomerSearchResult' });

export async function searchRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  app.get('/api/customers/search', {
    schema: {
      tags: ['Customers'], summary: 'Find customers by name (any script, transliteration, typos), phone, e-mail, card or document number; narrow namesakes by the filters',
      querystring: filterQuery.extend({ q: text(200).min(1).describe('A name or part of it, a phone, an e-mail, a card or document number; may end with a birth year or date'), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: searchResultSchema, ...commonErrors },
    },
  }, (request) => searchCustomers(ctx, actorOf(request), request.query));
}
