// Tenancy HTTP routes: auth, organization, merchants, outlets, staff, API keys, audit log.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { commonErrors, errorBody, idParams, listOf, type HttpApp } from '../../platform/http.js';
import type { Actor } from './domain/roles.js';
import { STAFF_ROLES } from './domain/roles.js';
import * as auth from './auth.js';
import * as service from './service.js';

export const SESSION_COOKIE = 'regulars_session';

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Please log in', {}, 'unauthenticated');
  return request.actor as Actor;
}

const organization = z.object({ id: z.uuid(), name: z.string(), currency: z.string(), timeZone: z.string(), locale: z.string(), country: z.string().nullable(), createdAt: z.string() }).meta({ id: 'Organization' });
const merchant = z.object({ id: z.uuid(), name: z.string(), createdAt: z.string() }).meta({ id: 'Merchant' });
const outletKind = z.enum(['shop', 'salon', 'office', 'online', 'pos']);
const outlet = z.object({ id: z.uuid(), merchantId: z.uuid(), name: z.string(), kind: outletKind, address: z.string().nullable(), timeZone: z.string().nullable(), active: z.boolean(), createdAt: z.string() }).meta({ id: 'Outlet' });
const staff = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(STAFF_ROLES), locale: z.string().nullable(), active: z.boolean(), createdAt: z.string() }).meta({ id: 'Staff' });
const apiKey = z.object({ id: z.uuid(), name: z.string(), outletId: z.uuid(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() }).meta({ id: 'ApiKey' });
const me = z.object({ organization, staff }).meta({ id: 'Me' });

const name = z.string().trim().min(1).max(200);
const password = z.string().min(10, 'must be at least 10 characters').max(200);
const locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en, ru or ar');

export interface TenancyRouteSettings extends auth.AuthSettings { cookieSecure: boolean }

export async function tenancyRoutes(app: HttpApp, ctx: ServiceContext, settings: TenancyRouteSettings): Promise<void> {
  const tags = ['Auth'];
  app.post('/api/auth/login', {
    config: { public: true },
    schema: { tags, summary: 'Log in with e-mail and password; sets the session cookie', body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) }), response: { 200: me, 401: errorBody, 429: errorBody } },
  }, async (request, reply) => {
    const result = await auth.login(ctx, settings, { ...request.body, ip: request.ip });
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: settings.cookieSecure, maxAge: settings.sessionTtlHours * 3600 });
    return { organization: result.organization, staff: result.staff };
  });

  app.post('/api/auth/logout', { schema: { tags, summary: 'End the current session', response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await auth.logout(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/me', { schema: { tags, summary: 'The logged-in staff member and their organization', response: { 200: me, ...commonErrors } } }, async (request) => {
    const actor = actorOf(request);
    if (!actor.staffId) throw new AppError('forbidden', 'API keys have no staff account', {}, 'forbidden');
    return auth.whoAmI(ctx, { organizationId: actor.organizationId, staffId: actor.staffId });
  });

  const settingsTags = ['Settings'];
  app.get('/api/organization', { schema: { tags: settingsTags, summary: 'The organization', response: { 200: organization, ...commonErrors } } }, (request) => service.getOrganization(ctx, actorOf(request)));
  app.patch('/api/organization', {
    schema: { tags: settingsTags, summary: 'Change the organization (owner)', body: z.object({ name: name.optional(), currency: z.string().length(3).optional(), timeZone: z.string().min(1).optional(), locale: locale.optional(), country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as RU, EE or AE').nullable().optional() }), response: { 200: organization, ...commonErrors } },
  }, (request) => service.updateOrganization(ctx, actorOf(request), request.body));

  app.get('/api/merchants', { schema: { tags: settingsTags, summary: 'Merchants (brands) of the organization', response: { 200: listOf(merchant), ...commonErrors } } }, async (request) => ({ items: await service.listMerchants(ctx, actorOf(request)) }));
  app.post('/api/merchants', { schema: { tags: settingsTags, summary: 'Add a merchant (owner)', body: z.object({ name }), response: { 201: merchant, ...commonErrors } } }, async (request, reply) => reply.code(201).send(await service.createMerchant(ctx, actorOf(request), request.body)));
  app.patch('/api/merchants/:id', { schema: { tags: settingsTags, summary: 'Rename a merchant (owner)', params: idParams, body: z.object({ name: name.optional() }), response: { 200: merchant, ...commonErrors } } }, (request) => service.updateMerchant(ctx, actorOf(request), request.params.id, request.body));

  const outletBody = z.object({ merchantId: z.uuid(), name, kind: outletKind, address: z.string().trim().max(500).nullable().optional(), timeZone: z.string().min(1).nullable().optional(), active: z.boolean().optional() });
  app.get('/api/outlets', { schema: { tags: settingsTags, summary: 'Outlets: shops, salons, offices, web shops, POS terminals', response: { 200: listOf(outlet), ...commonErrors } } }, async (request) => ({ items: await service.listOutlets(ctx, actorOf(request)) }));
  app.post('/api/outlets', { schema: { tags: settingsTags, summary: 'Add an outlet (owner)', body: outletBody, response: { 201: outlet, ...commonErrors } } }, async (request, reply) => reply.code(201).send(await service.createOutlet(ctx, actorOf(request), request.body)));
  app.patch('/api/outlets/:id', { schema: { tags: settingsTags, summary: 'Change an outlet (owner)', params: idParams, body: outletBody.partial(), response: { 200: outlet, ...commonErrors } } }, (request) => service.updateOutlet(ctx, actorOf(request), request.params.id, request.body));

  app.get('/api/staff', { schema: { tags: settingsTags, summary: 'Staff accounts', response: { 200: listOf(staff), ...commonErrors } } }, async (request) => ({ items: await service.listStaff(ctx, actorOf(request)) }));
  app.post('/api/staff', {
    schema: { tags: settingsTags, summary: 'Add a staff account (owner)', body: z.object({ email: z.email().max(320), name, role: z.enum(STAFF_ROLES), password, locale: locale.nullable().optional() }), response: { 201: staff, ...commonErrors } },
  }, async (request, reply) => reply.code(201).send(await service.createStaff(ctx, actorOf(request), request.body)));
  app.patch('/api/staff/:id', {
    schema: { tags: settingsTags, summary: 'Change a staff account (owner; anyone for their own name, password and language)', params: idParams, body: z.object({ name: name.optional(), role: z.enum(STAFF_ROLES).optional(), active: z.boolean().optional(), password: password.optional(), locale: locale.nullable().optional() }), response: { 200: staff, ...commonErrors } },
  }, (request) => service.updateStaff(ctx, actorOf(request), request.params.id, request.body));

  app.get('/api/api-keys', { schema: { tags: settingsTags, summary: 'API keys for POS integrations (owner)', response: { 200: listOf(apiKey), ...commonErrors } } }, async (request) => ({ items: await service.listApiKeys(ctx, actorOf(request)) }));
  app.post('/api/api-keys', {
    schema: { tags: settingsTags, summary: 'Create an API key for one outlet (owner); the secret is shown only in this answer', body: z.object({ name, outletId: z.uuid() }), response: { 201: z.object({ apiKey, secret: z.string() }), ...commonErrors } },
  }, async (request, reply) => reply.code(201).send(await service.createApiKey(ctx, actorOf(request), request.body)));
  app.delete('/api/api-keys/:id', { schema: { tags: settingsTags, summary: 'Revoke an API key (owner)', params: idParams, response: { 200: apiKey, ...commonErrors } } }, (request) => service.revokeApiKey(ctx, actorOf(request), request.params.id));

  app.get('/api/audit', {
    schema: { tags: settingsTags, summary: 'Audit log, newest first (owner)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.iso.datetime().optional() }), response: { 200: listOf(z.object({ id: z.uuid(), action: z.string(), entity: z.string(), entityId: z.string().nullable(), staffId: z.string().nullable(), apiKeyId: z.string().nullable(), details: z.record(z.string(), z.unknown()), at: z.string() })), ...commonErrors } },
  }, async (request) => ({ items: await service.listAudit(ctx, actorOf(request), { limit: request.query.limit, ...(request.query.before && { before: new Date(request.query.before) }) }) }));
}
