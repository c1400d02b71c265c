// Import HTTP routes. A file is uploaded as the raw request body (any content type: CSV, TSV, XLSX),
// so a 100 MB file needs no multipart parsing and no base64; a pasted table comes as JSON.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, idParams, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { ownRow } from '../schemas.js';
import { CUSTOMER_IMPORT_FIELDS } from '../domain/columns.js';
import { PURCHASE_IMPORT_FIELDS } from './purchase-mapping.js';
import { reportCsv, reportFileName } from './report-csv.js';
import { delimiterOf, fieldsSchema, importIssueSchema, importSessionSchema, importSummarySchema, issuesQuery, pasteBody, sourceBody, uploadQuery } from './schemas.js';
import { createImport, deleteImport, importIssues, listImports, MAX_UPLOAD_BYTES, rereadImport, sessionOf, setImportMapping, startImport } from './sessions.js';
import { importView, importSummary } from './view.js';
import { importMappingSchema } from './kinds.js';

const fileBody = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'must be the bytes of the file')
  .meta({ type: 'string', format: 'binary', description: 'The file itself: CSV in any delimiter and encoding, or XLSX' });

const UPLOAD_TYPES = [
  'application/octet-stream', 'text/csv', 'text/plain', 'text/tab-separated-values', 'application/csv', 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export async function importRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  const tags = ['Imports'];
  // Answers 404 for another organization's session before the body is validated (no 400 confirms it exists).
  const ownImport = ownRow(ctx, 'import_sessions', 'import');
  const view = async (request: FastifyRequest, id: string) => {
    const actor = actorOf(request);
    return importView(ctx, actor, await sessionOf(ctx, actor, id));
  };

  await app.register(async (plugin) => {
    const scope = plugin as unknown as HttpApp;
    // Raw bodies only in this scope: the rest of the API keeps answering 415 to them.
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.post('/api/imports', {
      bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024,
      schema: {
        tags, summary: 'Upload a file to import (customers or purchase history); answers what was read and the guessed mapping',
        description: 'Send the file as the raw request body. CSV in any delimiter, UTF-8 with or without BOM, Windows-1251 and other legacy encodings (detected, or forced with `encoding`); XLSX. Up to 100 MB.',
        consumes: UPLOAD_TYPES, querystring: uploadQuery, body: fileBody, response: { 201: importSessionSchema, ...commonErrors },
      },
    }, async (request, reply) => {
      const q = request.query;
      const session = await createImport(ctx, actorOf(request), {
        kind: q.kind, origin: 'file', fileName: q.fileName ?? null, bytes: request.body,
        options: { ...(q.encoding && { encoding: q.encoding }), ...(q.delimiter && { delimiter: delimiterOf(q.delimiter) }), ...(q.sheet && { sheet: q.sheet }), ...(q.header && { header: q.header === 'true' }) },
      });
      return reply.code(201).send(await view(request, session.id));
    });
  });

  app.post('/api/imports/paste', { schema: { tags, summary: 'Start an import from a table pasted from the clipboard', body: pasteBody, response: { 201: importSessionSchema, ...commonErrors } } },
    async (request, reply) => {
      const session = await createImport(ctx, actorOf(request), {
        kind: request.body.kind, origin: 'paste', fileName: null, bytes: Buffer.from(request.body.text, 'utf8'),
        options: { encoding: 'utf-8', ...(request.body.header !== undefined && { header: request.body.header }) },
      });
      return reply.code(201).send(await view(request, session.id));
    });

  app.get('/api/imports/fields', { schema: { tags, summary: 'The fields a column can be mapped to', response: { 200: fieldsSchema, ...commonErrors } } },
    () => ({ customers: [...CUSTOMER_IMPORT_FIELDS], purchases: [...PURCHASE_IMPORT_FIELDS] }));

  app.get('/api/imports', {
    schema: {
      tags, summary: 'Recent imports, newest first', querystring: z.object({ cursor: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ items: z.array(importSummarySchema), next: z.string().nullable() }), ...commonErrors },
    },
  }, async (request) => {
    const page = await listImports(ctx, actorOf(request), request.query.cursor ?? null, request.query.limit);
    return { items: page.rows.map(importSummary), next: page.next };
  });

  app.get('/api/imports/:id', { preValidation: ownImport, schema: { tags, summary: 'An import: what was read, the mapping, progress and report', params: idParams, response: { 200: importSessionSchema, ...commonErrors } } },
    (request) => view(request, request.params.id));

  app.put('/api/imports/:id/source', { preValidation: ownImport, schema: { tags, summary: 'Read the uploaded file again with another encoding, delimiter, sheet or header setting', params: idParams, body: sourceBody, response: { 200: importSessionSchema, ...commonErrors } } },
    async (request) => {
      const b = request.body;
      await rereadImport(ctx, actorOf(request), request.params.id, { ...b, ...(b.delimiter && { delimiter: delimiterOf(b.delimiter) }) });
      return view(request, request.params.id);
    });

  app.put('/api/imports/:id/mapping', { preValidation: ownImport, schema: { tags, summary: 'Confirm which column feeds which field, with transforms and options', params: idParams, body: importMappingSchema, response: { 200: importSessionSchema, ...commonErrors } } },
    async (request) => {
      await setImportMapping(ctx, actorOf(request), request.params.id, request.body);
      return view(request, request.params.id);
    });

  app.post('/api/imports/:id/start', { preValidation: ownImport, schema: { tags, summary: 'Start the import as a background job; follow it with GET /api/imports/{id}', params: idParams, response: { 202: importSessionSchema, ...commonErrors } } },
    async (request, reply) => {
      await startImport(ctx, actorOf(request), request.params.id);
      return reply.code(202).send(await view(request, request.params.id));
    });

  app.get('/api/imports/:id/issues', {
    preValidation: ownImport,
    schema: { tags, summary: 'Rejected rows (or warnings) of an import, by line', params: idParams, querystring: issuesQuery, response: { 200: z.object({ items: z.array(importIssueSchema), next: z.number().int().nullable() }), ...commonErrors } },
  }, async (request) => {
    const q = request.query;
    const page = await importIssues(ctx, actorOf(request), request.params.id, q.severity, q.after, q.limit);
    return { items: page.rows.map((r) => ({ line: r.line, severity: r.severity, problems: r.problems, message: r.message, cells: r.cells })), next: page.next };
  });

  app.get('/api/imports/:id/report.csv', {
    preValidation: ownImport,
    schema: {
      tags, summary: 'The rejected rows (or warnings) as CSV, with line, reason and the row as it was in the file', params: idParams,
      querystring: z.object({ severity: z.enum(['error', 'warning']).default('error') }), produces: ['text/csv'],
      response: { 200: z.string().describe('CSV, UTF-8 with a byte-order mark'), ...commonErrors },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const session = await sessionOf(ctx, actor, request.params.id);
    const name = reportFileName(session.file_name, request.query.severity);
    const ascii = name.replace(/[^\x20-\x7e]/gu, '_');
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    // A stream is piped as it is, not serialised; the schema above documents what it carries.
    return reply.send(Readable.from(reportCsv(ctx, actor, request.params.id, request.query.severity)) as unknown as string);
  });

  app.delete('/api/imports/:id', { preValidation: ownImport, schema: { tags, summary: 'Forget an import and its uploaded file (the imported customers stay)', params: idParams, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      await deleteImport(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    });
}
