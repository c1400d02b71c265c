// Zod schemas shared by the customer routes (the OpenAPI components the web app's types come from).
// Never give a schema an id ending in "Input": the type provider appends that to request variants.
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pathIdFirst } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import { existsIn } from './access.js';

export const text = (max: number) => z.string().trim().max(max);
const optionalName = text(200).min(1).nullable().optional();
export const channelSchema = z.enum(['email', 'sms', 'messenger', 'phone', 'post']);
export const isoDate = z.iso.date('must be a date as YYYY-MM-DD');

export const customerSchema = z.object({
  id: z.uuid(), kind: z.enum(['person', 'company']), displayName: z.string(),
  familyName: z.string().nullable(), givenNames: z.string().nullable(), patronymic: z.string().nullable(),
  familyNameLatin: z.string().nullable(), givenNamesLatin: z.string().nullable(), companyName: z.string().nullable(),
  gender: z.enum(['female', 'male', 'other']).nullable(), birthDate: z.string().nullable(),
  preferredLanguage: z.string().nullable(), preferredChannel: channelSchema.nullable(),
  managerId: z.string().nullable(), source: z.string().nullable(), notes: z.string().nullable(), tags: z.array(z.string()),
  externalId: z.string().nullable(), phones: z.array(z.string()), emails: z.array(z.string()), addresses: z.array(z.string()),
  preferences: z.string().nullable(), hobbies: z.array(z.string()),
  erased: z.boolean(), mergedIntoId: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'Customer' });

export const customerFieldsSchema = z.object({
  kind: z.enum(['person', 'company']).optional(),
  familyName: optionalName, givenNames: optionalName, patronymic: optionalName,
  familyNameLatin: optionalName, givenNamesLatin: optionalName, companyName: text(300).min(1).nullable().optional(),
  gender: z.enum(['female', 'male', 'other']).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  phones: z.array(text(50)).max(10).optional(), emails: z.array(text(320)).max(10).optional(), addresses: z.array(text(500)).max(5).optional(),
  preferredLanguage: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as en, ru or ar').nullable().optional(),
  preferredChannel: channelSchema.nullable().optional(),
  managerId: z.uuid().nullable().optional(), source: text(200).nullable().optional(), notes: text(20_000).nullable().optional(),
  tags: z.array(text(100).min(1)).max(100).optional(), externalId: text(200).min(1).nullable().optional(),
  preferences: text(5000).nullable().optional(), hobbies: z.array(text(100).min(1)).max(50).optional(),
}).meta({ id: 'CustomerFields' });

/** The list / search / export filters as query parameters. */
export const filterQuery = z.object({
  tag: text(100).min(1).optional(),
  managerId: z.uuid().optional(),
  kind: z.enum(['person', 'company']).optional(),
  createdFrom: z.union([z.iso.datetime({ offset: true }), isoDate]).optional(),
  createdTo: z.union([z.iso.datetime({ offset: true }), isoDate]).optional(),
  givenName: text(100).min(1).optional().describe('Narrow namesakes by given name, in any script or spelling'),
  birthDate: isoDate.optional(),
  birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
  documentTail: text(20).min(1).optional().describe('The last characters of an identity document number'),
  phone: text(50).min(2).optional().describe('A phone number in any format, or its last digits'),
});

export const pageQuery = z.object({
  cursor: z.uuid().optional().describe('The `next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const okSchema = z.object({ ok: z.literal(true) });

type GuardTable = Parameters<typeof existsIn>[2];

/**
 * A preValidation hook answering 404 when the `:id` of the path is not a row of the caller's
 * organization — before the body is validated, so another organization's ids are never confirmed to
 * exist by a 400 about the body.
 */
export function ownRow(ctx: ServiceContext, table: GuardTable, what: string) {
  return pathIdFirst(async (request, id) => {
    if (!(await existsIn(ctx.db, actorOf(request), table, id))) throw notFound(what, { id });
  });
}
