// The one error handler: every failure leaves as `{ error: { code, message, details } }`.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isAppError } from '../platform/errors.js';

interface Issue { path: string; message: string }

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isAppError(error)) {
    return reply.code(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const issues: Issue[] = error.validation.map((v) => {
      const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
      return { path: path || where, message: v.message ?? 'is invalid' };
    });
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return reply.code(400).send({ error: { code: 'validation_failed', message, details: { in: where, issues } } });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'Internal error', details: {} } });
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type).
    const code = (error.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
    return reply.code(status).send({ error: { code, message: error.message, details: {} } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'internal_error', message: 'Internal error', details: {} } });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ error: { code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: {} } });
}
