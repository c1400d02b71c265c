// Shared HTTP vocabulary for module routes: the typed Fastify instance, the error body, and small schemas.
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUuid } from './ids.js';

export type HttpApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook for every non-public route (the tenancy module gives it its type). */
    actor: unknown;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session or API key (login, health). */
    public?: boolean;
  }
}

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. validation_failed, card_not_found'),
      message: z.string().describe('Human-readable explanation'),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' });

/** The usual error answers of an authenticated route, for the OpenAPI document. */
export const commonErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody } as const;

export const idParams = z.object({ id: z.uuid() });

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/**
 * A preValidation hook running `check` on a well-formed `:id` of the path before the body is validated:
 * routes whose body is required answer 404 for an unknown (or another organization's) id rather than a
 * 400 about the body, so another organization's ids are never confirmed to exist. A malformed id is
 * left to the params schema.
 */
export function pathIdFirst(check: (request: FastifyRequest, id: string) => Promise<unknown>) {
  return async (request: FastifyRequest): Promise<void> => {
    const id = (request.params as { id?: unknown }).id;
    if (typeof id === 'string' && isUuid(id)) await check(request, id);
  };
}

export function requestIp(request: FastifyRequest): string {
  return request.ip;
}
