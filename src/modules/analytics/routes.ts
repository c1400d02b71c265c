// Analytics HTTP routes: one GET per measure with the tables behind its chart, an export of each as
// CSV or XLSX, the whole report, and the settings. Routes only validate, call the service and shape the
// answer; every measure's response schema is built from its column list, so the OpenAPI document
// (and the web app's typed client) names every row field.
import { z } from 'zod';
import { commonErrors, type HttpApp } from '../../platform/http.js';
import { actorOf } from '../tenancy/index.js';
import { tableNames, toCsv, toXlsx } from './export.js';
import { MEASURES, MEASURE_NAMES, type Measure } from './measures/index.js';
import { columnSchema, rowSchema } from './measures/types.js';
import { NOTE_LANGUAGES, noteSchema } from './notes.js';
import { getMeasure, getSettings, runReport, saveSettings, type AnalyticsContext, type MeasureResult } from './service.js';
import { settingsSchema } from './settings.js';

const tags = ['Analytics'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reportQuery = z.object({
  from: z.iso.date('must be a date as YYYY-MM-DD').optional().describe('First day of the period (default: the first day of the month eleven months before `to`)'),
  to: z.iso.date('must be a date as YYYY-MM-DD').optional().describe('Last day of the period, inclusive (default: today in the organization\'s time zone)'),
  outletId: z.uuid('must be an outlet id').optional().describe('Only purchases at this outlet'),
  tag: z.string().trim().min(1).max(100).optional().describe('Only customers with this tag'),
  limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('Rows of per-customer lists (top customers, slipping away)'),
});

const exportLanguage = z.enum(NOTE_LANGUAGES).default('en').describe('Language of the file: sheet names, headers, figure names and notes');

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

const periodSchema = z.object({ from: z.string(), to: z.string(), timeZone: z.string(), currency: z.string(), months: z.number().int() });
const filtersSchema = z.object({ outletId: z.string().nullable(), tag: z.string().nullable() });

// One schema object per measure: the per-measure route and the report share it under one component id.
const resultSchemas = new Map<string, z.ZodType>();
function resultSchema(m: Measure): z.ZodType {
  let schema = resultSchemas.get(m.name);
  if (!schema) {
    schema = buildResultSchema(m);
    resultSchemas.set(m.name, schema);
  }
  return schema;
}

function buildResultSchema(m: Measure) {
  const names = Object.keys(m.tables);
  return z.object({
    measure: z.literal(m.name), title: z.string(), period: periodSchema, filters: filtersSchema,
    summary: m.summary,
    tables: z.object(Object.fromEntries(names.map((t) => [t, z.array(rowSchema(m.tables[t] ?? []))]))),
    columns: z.object(Object.fromEntries(names.map((t) => [t, z.array(columnSchema)]))),
    notes: z.array(noteSchema).describe('What the figures leave out or assume: each note a stable code with its numbers; `text` is the English sentence that used to be the whole note'),
    ms: z.number().describe('Milliseconds to compute'),
  }).meta({ id: `Analytics${pascal(m.name)}` });
}

function filename(result: Pick<MeasureResult, 'measure' | 'period'>, ext: string): string {
  return `${result.measure}_${result.period.from}_${result.period.to}.${ext}`;
}

export async function analyticsRoutes(app: HttpApp, ctx: AnalyticsContext): Promise<void> {
  for (const m of MEASURES) {
    app.get(`/api/analytics/${m.name}`, {
      schema: { tags, summary: `${m.title} (analytics.read)`, querystring: reportQuery, response: { 200: resultSchema(m), ...commonErrors, 422: commonErrors[400] } },
      // The row types come from the column lists at run time; the response serializer checks every answer against them.
    }, async (request) => (await getMeasure(ctx, actorOf(request), m.name, request.query)) as never);

    app.get(`/api/analytics/${m.name}/export`, {
      schema: {
        tags, summary: `${m.title} as CSV (one table) or XLSX (all tables)`,
        querystring: reportQuery.extend({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          table: z.enum(Object.keys(m.tables) as [string, ...string[]]).optional().describe(`CSV only: which table (default ${Object.keys(m.tables)[0]})`),
          language: exportLanguage,
        }),
        response: { 200: z.unknown().describe('The file: text/csv (UTF-8 with BOM) or XLSX'), ...commonErrors, 422: commonErrors[400] },
      },
    }, async (request, reply) => {
      const { format, table, language, ...query } = request.query;
      const result = await getMeasure(ctx, actorOf(request), m.name, query);
      if (format === 'csv') {
        const name = table ?? tableNames(result)[0] as string;
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename(result, `${name}.csv`)}"`).send(toCsv(result, name, language));
      }
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${filename(result, 'xlsx')}"`).send(await toXlsx([result], language));
    });
  }

  const measureList = z.string().optional().describe(`Comma-separated measures (default all): ${MEASURE_NAMES.join(', ')}`);
  const pickMeasures = (list: string | undefined) => (list ? list.split(',').map((s) => s.trim()).filter(Boolean) : MEASURE_NAMES);

  app.get('/api/analytics/report', {
    schema: {
      tags, summary: 'Several measures over one snapshot of the purchases (default: all)',
      querystring: reportQuery.extend({ measures: measureList }),
      response: { 200: z.object({ measures: z.array(z.union(MEASURES.map(resultSchema) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])) }).meta({ id: 'AnalyticsReport' }), ...commonErrors, 422: commonErrors[400] },
    },
  }, async (request) => {
    const { measures, ...query } = request.query;
    return { measures: await runReport(ctx, actorOf(request), pickMeasures(measures), query) };
  });

  app.get('/api/analytics/report/export', {
    schema: {
      tags, summary: 'Several measures as one XLSX workbook (a summary sheet and the tables of each)',
      querystring: reportQuery.extend({ measures: measureList, format: z.literal('xlsx').default('xlsx'), language: exportLanguage }),
      response: { 200: z.unknown().describe('The XLSX workbook'), ...commonErrors, 422: commonErrors[400] },
    },
  }, async (request, reply) => {
    const { measures, format: _format, language, ...query } = request.query;
    const results = await runReport(ctx, actorOf(request), pickMeasures(measures), query);
    const first = results[0];
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="report_${first?.period.from}_${first?.period.to}.xlsx"`).send(await toXlsx(results, language));
  });

  app.get('/api/analytics/settings', {
    schema: { tags, summary: 'Analytics settings (RFM thresholds, ABC/XYZ limits, ladder windows, alert levels, CLV options)', response: { 200: settingsSchema, ...commonErrors } },
  }, (request) => getSettings(ctx, actorOf(request)));

  app.put('/api/analytics/settings', {
    schema: { tags, summary: 'Replace the analytics settings (owner); keys left out return to their defaults', body: z.record(z.string(), z.unknown()), response: { 200: settingsSchema, ...commonErrors } },
  }, (request) => saveSettings(ctx, actorOf(request), request.body));
}
