// Assembles the HTTP server: Fastify with Zod schemas, the OpenAPI document and docs page, the error
// mapper, authentication, every module's routes, and the built web app with client-side routing.
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { z } from 'zod';
import type { ServiceContext } from '../platform/context.js';
import { schemaVersion } from '../platform/db/migrate.js';
import type { HttpApp } from '../platform/http.js';
import { webDistDir } from '../platform/paths.js';
import { analyticsRoutes } from '../modules/analytics/index.js';
import { customerRoutes, importRoutes } from '../modules/customers/index.js';
import { loyaltyRoutes } from '../modules/loyalty/index.js';
import { tenancyRoutes } from '../modules/tenancy/index.js';
import { registerAuth } from './auth.js';
import { errorHandler, notFoundHandler } from './errors.js';

export interface AppOptions {
  ctx: ServiceContext;
  pool: pg.Pool;
  storeKind: 'embedded' | 'external';
  sessionTtlHours: number;
  loginMaxFailures: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  /** Serve the built web app (web/dist) when it exists. */
  serveWeb?: boolean;
  version?: string;
}

export async function buildApp(options: AppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: options.ctx.log,
    trustProxy: options.trustProxy,
    bodyLimit: 50 * 1024 * 1024,
    // Per-request log lines cost ~10% of checkout throughput; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const serveWeb = options.serveWeb !== false && fs.existsSync(path.join(webDistDir, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/customers, /settings/staff …) all load the web app's shell.
    const pathname = request.url.split('?')[0] ?? '';
    if (serveWeb && request.method === 'GET' && !pathname.startsWith('/api/') && !path.extname(pathname)) return reply.sendFile('index.html');
    return notFoundHandler(request, reply);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Regulars API', version: options.version ?? '0.1.0', description: 'Loyalty and retention platform. Staff authenticate with the session cookie from /api/auth/login; POS systems with `Authorization: Bearer <API key>`.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'regulars_session' }, apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyCookie);

  const settings = { sessionTtlHours: options.sessionTtlHours, loginMaxFailures: options.loginMaxFailures, cookieSecure: options.cookieSecure };
  registerAuth(app, options.ctx, settings);

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  app.get('/health', {
    config: { public: true },
    schema: { tags: ['System'], summary: 'Liveness and the store behind this node', security: [], response: { 200: z.object({ status: z.literal('ok'), store: z.enum(['embedded', 'external']), schemaVersion: z.string().nullable() }) } },
  }, async () => ({ status: 'ok' as const, store: options.storeKind, schemaVersion: await schemaVersion(options.pool) }));

  await app.register(async (scope) => {
    await tenancyRoutes(scope, options.ctx, settings);
    await customerRoutes(scope, options.ctx);
    await importRoutes(scope, options.ctx);
    await loyaltyRoutes(scope, options.ctx);
    await analyticsRoutes(scope, { ...options.ctx, pool: options.pool });
  });

  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDistDir, wildcard: true });
  }
  return app;
}
