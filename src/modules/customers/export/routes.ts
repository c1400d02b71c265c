// HTTP route of the export.
import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.js';
import { commonErrors, type HttpApp } from '../../../platform/http.js';
import { actorOf } from '../../tenancy/index.js';
import { filterQuery, text } from '../schemas.js';
import { EXPORT_LANGUAGES } from './headers.js';
import { exportCustomers } from './service.js';

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;

export async function exportRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  app.get('/api/customers/export', {
    schema: {
      tags: ['Customers'],
      summary: 'The customer list (same filters), or a search answer with q, as CSV (UTF-8 with BOM) or XLSX, streamed (owner, manager)',
      querystring: filterQuery.extend({
        q: text(200).min(1).optional().describe('Export what this search finds (best first, at most 10 000) instead of the whole filtered list'),
        format: z.enum(['csv', 'xlsx']).default('csv'),
        delimiter: z.enum(['comma', 'semicolon', 'tab']).default('comma').describe('CSV only; Excel in many European locales expects semicolon'),
        language: z.enum(EXPORT_LANGUAGES).default('en').describe('Language of the column headers'),
      }),
      response: { 200: z.unknown().describe('The file: text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), ...commonErrors },
    },
  }, async (request, reply) => {
    const { delimiter, ...rest } = request.query;
    const file = await exportCustomers(ctx, actorOf(request), { ...rest, delimiter: DELIMITERS[delimiter] });
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.stream);
  });
}
