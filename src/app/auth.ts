// Resolves who is calling: a session cookie (web app) or `Authorization: Bearer rk_…` (POS). Routes are
// private unless they say `config: { public: true }`.
import type { ServiceContext } from '../platform/context.js';
import type { HttpApp } from '../platform/http.js';
import { actorFromApiKey, actorFromSession, SESSION_COOKIE, type AuthSettings } from '../modules/tenancy/index.js';

export function registerAuth(app: HttpApp, ctx: ServiceContext, settings: AuthSettings): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public || !request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    let actor = null;
    if (header?.startsWith('Bearer ')) {
      actor = await actorFromApiKey(ctx, header.slice(7).trim());
      if (!actor) return reply.code(401).send({ error: { code: 'invalid_api_key', message: 'The API key is unknown or revoked', details: {} } });
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) actor = await actorFromSession(ctx, settings, token);
    }
    if (!actor) return reply.code(401).send({ error: { code: 'unauthenticated', message: 'Please log in', details: {} } });
    request.actor = actor;
  });
}
