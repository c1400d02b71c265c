// Zod schemas of the import API: the OpenAPI components the web app's typed client is generated from.
// (Never an id ending in "Input": the type provider appends that to request variants.)
import { z } from 'zod';
import { CUSTOMER_IMPORT_FIELDS } from '../domain/columns.js';
import { importMappingSchema } from './kinds.js';
import { PURCHASE_IMPORT_FIELDS } from './purchase-mapping.js';

const problemSchema = z.object({ field: z.string(), reason: z.string().describe('Stable code: invalid_phone, not_a_date, duplicate_in_file, ambiguous_match…'), value: z.string().optional() });

const customerReportSchema = z.object({
  kind: z.literal('customers'),
  rows: z.number().int().describe('Data rows read from the file'),
  created: z.number().int(), updated: z.number().int(), skipped: z.number().int().describe('Matched an existing customer and changed nothing'),
  rejected: z.number().int(),
  matchedBy: z.object({ externalId: z.number().int(), phone: z.number().int(), email: z.number().int(), nameBirthDate: z.number().int() }),
  rejectedBy: z.record(z.string(), z.number().int()), warnings: z.number().int(), warningsBy: z.record(z.string(), z.number().int()),
  seconds: z.number(),
  timings: z.object({ mapping: z.number(), database: z.number(), finishing: z.number() }).describe('Seconds of work, overlapping: mapping rows in Node, the database writing them, the report'),
}).meta({ id: 'CustomerImportReport' });

const purchaseReportSchema = z.object({
  kind: z.literal('purchases'),
  rows: z.number().int(), purchases: z.number().int().describe('Purchases built from the rows (several rows may be one receipt)'),
  created: z.number().int(), skipped: z.number().int().describe('Imported before (the same receipt reference)'), rejected: z.number().int().describe('Rows rejected'),
  matchedBy: z.object({ externalId: z.number().int(), phone: z.number().int(), email: z.number().int(), card: z.number().int() }),
  rejectedBy: z.record(z.string(), z.number().int()), warnings: z.number().int(), warningsBy: z.record(z.string(), z.number().int()),
  seconds: z.number(),
}).meta({ id: 'PurchaseImportReport' });

const progressSchema = z.object({
  rowsRead: z.number().int(), rowsSaved: z.number().int(), rowsTotal: z.number().int(),
  percent: z.number().int().describe('Reading counts for the first half, saving for the second'),
});

const statusSchema = z.enum(['uploaded', 'queued', 'running', 'done', 'failed']);
const phaseSchema = z.enum(['reading', 'matching', 'saving']).nullable();
const errorSchema = z.object({ code: z.string(), message: z.string() }).nullable();
const dateOrderStatus = z.enum(['dmy', 'mdy', 'ambiguous', 'conflict', 'not-needed']);

export const importSummarySchema = z.object({
  id: z.uuid(), kind: z.enum(['customers', 'purchases']), origin: z.enum(['file', 'paste']), fileName: z.string().nullable(),
  rowsTotal: z.number().int(), status: statusSchema, phase: phaseSchema, progress: progressSchema,
  report: z.union([customerReportSchema, purchaseReportSchema]).nullable(), error: errorSchema,
  createdAt: z.string(), finishedAt: z.string().nullable(),
}).meta({ id: 'ImportSummary' });

export const importSessionSchema = z.object({
  id: z.uuid(), kind: z.enum(['customers', 'purchases']), origin: z.enum(['file', 'paste']),
  fileName: z.string().nullable(), fileSize: z.number().int(), format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable().describe('CSV: the encoding the file was read with'),
  encodingDetectedBy: z.string().nullable().describe('forced, bom, utf8-valid, utf16-zeros or score'),
  delimiter: z.string().nullable(), sheet: z.string().nullable(), sheets: z.array(z.string()),
  hasHeader: z.boolean(), header: z.array(z.string()).nullable(), rowsTotal: z.number().int(),
  columns: z.array(z.object({
    index: z.number().int(), header: z.string().nullable(), samples: z.array(z.string()), nonEmpty: z.number().int(),
    guess: z.object({ field: z.string().nullable(), confidence: z.number(), source: z.enum(['header', 'values']).nullable() }).nullable(),
    dateOrder: z.object({ status: dateOrderStatus, suggestion: z.enum(['dmy', 'mdy']).nullable() }).describe('How the dates in this column are written, over the whole file'),
  })),
  preview: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })).describe('The first rows as they are in the file'),
  fileProblems: z.array(z.object({ code: z.enum(['extra_cells', 'unclosed_quote']), message: z.string(), count: z.number().int(), lines: z.array(z.number().int()).describe('The first ten') }))
    .describe('Signs that the file was read wrongly: change the delimiter or encoding (PUT /source), or fix the file'),
  mapping: importMappingSchema.nullable().describe('The confirmed mapping; null until PUT /mapping'),
  suggestedMapping: importMappingSchema.describe('The mapping guessed from headers and values'),
  dateOrder: z.object({
    detected: dateOrderStatus, suggestion: z.enum(['dmy', 'mdy']).nullable(),
    required: z.boolean().describe('The user must choose dateOrder before starting'), effective: z.enum(['dmy', 'mdy']).nullable(),
  }),
  problems: z.array(z.object({ code: z.string(), severity: z.enum(['blocking', 'warning']), message: z.string(), column: z.number().int().optional(), field: z.string().optional() })),
  mappedPreview: z.array(z.object({
    line: z.number().int(),
    customer: z.object({
      externalId: z.string().nullable(), familyName: z.string().nullable(), givenNames: z.string().nullable(), patronymic: z.string().nullable(),
      familyNameLatin: z.string().nullable(), givenNamesLatin: z.string().nullable(), gender: z.enum(['male', 'female']).nullable(), birthDate: z.string().nullable(),
      phones: z.array(z.string()), emails: z.array(z.string()), tags: z.array(z.string()), notes: z.string().nullable(), address: z.string().nullable(),
    }),
    errors: z.array(problemSchema), warnings: z.array(problemSchema),
  })).describe('Customer imports: the preview rows as the mapping (or the suggestion) turns them into customers'),
  transforms: z.array(z.object({
    name: z.string(), scope: z.enum(['column', 'file']), fields: z.array(z.string()), values: z.array(z.union([z.string(), z.boolean()])), description: z.string(),
  })),
  status: statusSchema, phase: phaseSchema, progress: progressSchema,
  report: z.union([customerReportSchema, purchaseReportSchema]).nullable(), error: errorSchema,
  createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
}).meta({ id: 'ImportSession' });

export const importIssueSchema = z.object({
  line: z.number().int(), severity: z.enum(['error', 'warning']), problems: z.array(problemSchema), message: z.string(), cells: z.array(z.string()),
}).meta({ id: 'ImportRowIssue' });

export const uploadQuery = z.object({
  kind: z.enum(['customers', 'purchases']).default('customers'),
  fileName: z.string().trim().min(1).max(300).optional(),
  encoding: z.string().trim().min(1).max(40).optional().describe('Force the CSV encoding (utf-8, windows-1251, koi8-r, ibm866, windows-1252, iso-8859-5…); detected when omitted'),
  delimiter: z.string().min(1).max(2).optional().describe('Force the CSV delimiter; "\\t" for tab. Detected when omitted'),
  sheet: z.string().min(1).max(100).optional().describe('XLSX: the sheet to read; the first by default'),
  header: z.enum(['true', 'false']).optional().describe('Whether the first row is a header; detected when omitted'),
});

export const pasteBody = z.object({
  kind: z.enum(['customers', 'purchases']).default('customers'),
  text: z.string().min(1).max(20 * 1024 * 1024).describe('A table copied from a spreadsheet (tab-separated) or any delimited text'),
  header: z.boolean().optional(),
}).meta({ id: 'ImportPaste' });

export const sourceBody = z.object({
  encoding: z.string().trim().min(1).max(40).optional(),
  delimiter: z.string().min(1).max(2).optional(),
  sheet: z.string().min(1).max(100).optional(),
  header: z.boolean().optional(),
}).meta({ id: 'ImportSourceSettings' });

export const issuesQuery = z.object({
  severity: z.enum(['error', 'warning']).default('error'),
  after: z.coerce.number().int().min(0).default(0).describe('The `next` of the previous page (a line number)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const fieldsSchema = z.object({
  customers: z.array(z.enum(CUSTOMER_IMPORT_FIELDS)), purchases: z.array(z.enum(PURCHASE_IMPORT_FIELDS)),
}).meta({ id: 'ImportFields' });

/** "\t" typed in a query string stands for a tab. */
export function delimiterOf(text: string | undefined): string | undefined {
  return text === '\\t' ? '\t' : text;
}
