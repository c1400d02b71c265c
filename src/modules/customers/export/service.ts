// Exporting a list of customers — the list as filtered, or a search's answer — to CSV or XLSX, streamed
// so a base of a million customers goes out in constant memory. CSV is UTF-8 with a byte-order mark,
// which is what makes Excel read Cyrillic and Arabic correctly instead of guessing a code page.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../../../platform/context.js';
import { scoped } from '../../../platform/db/tenant.js';
import { audit, listStaff, requirePermission, type Actor } from '../../tenancy/index.js';
import { csvLine, UTF8_BOM } from '../domain/csv-out.js';
import type { CustomerFilters } from '../filters.js';
import { prepareFor, scanPage } from '../profiles/list.js';
import { findCustomers } from '../search/service.js';
import { customersStore, type CustomerRow } from '../store.js';

const CHUNK = 1000;
/** A search export takes at most this many people (best first); a list export has no limit. */
export const SEARCH_EXPORT_LIMIT = 10_000;

export const EXPORT_COLUMNS = [
  ['id', 'ID'], ['displayName', 'Name'], ['kind', 'Kind'], ['familyName', 'Family name'], ['givenNames', 'Given names'], ['patronymic', 'Patronymic'],
  ['familyNameLatin', 'Family name (Latin)'], ['givenNamesLatin', 'Given names (Latin)'], ['companyName', 'Company'], ['gender', 'Gender'],
  ['birthDate', 'Birth date'], ['phones', 'Phones'], ['emails', 'E-mails'], ['addresses', 'Addresses'], ['consents', 'Consent to'], ['tags', 'Tags'],
  ['manager', 'Manager'], ['source', 'Source'], ['externalId', 'External ID'], ['createdAt', 'Created'],
] as const;
export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number][0], string>;

export interface ExportRequest extends CustomerFilters { q?: string | undefined; format: 'csv' | 'xlsx'; delimiter?: ',' | ';' | '\t' | undefined }

/** The rows to export, a chunk at a time, in the order the user saw them. */
async function* rowChunks(ctx: ServiceContext, actor: Actor, request: ExportRequest): AsyncGenerator<CustomerRow[]> {
  if (request.q) {
    const found = await findCustomers(ctx, actor, { ...request, q: request.q, limit: SEARCH_EXPORT_LIMIT });
    for (let i = 0; i < found.rows.length; i += CHUNK) yield found.rows.slice(i, i + CHUNK).map((h) => h.row);
    return;
  }
  const filters = await prepareFor(ctx, actor, request);
  let after: string | null = null;
  do {
    const page = await scanPage(ctx.db, actor, filters, after, CHUNK);
    if (page.rows.length) yield page.rows;
    after = page.next;
  } while (after);
}

async function* exportRows(ctx: ServiceContext, actor: Actor, request: ExportRequest): AsyncGenerator<ExportRow> {
  const managers = new Map((await listStaff(ctx, actor)).map((s) => [s.id, s.name]));
  for await (const rows of rowChunks(ctx, actor, request)) {
    const ids = rows.map((r) => r.id);
    const contacts = await customersStore.contactsOf(ctx.db, actor, ids);
    const consents = await scoped(ctx.db, actor).selectFrom('customer_consents').select(['customer_id', 'channel']).where('customer_id', 'in', ids).where('granted', '=', true).execute();
    for (const r of rows) {
      const mine = contacts.filter((c) => c.customer_id === r.id);
      const list = (kind: string) => mine.filter((c) => c.kind === kind).map((c) => c.value).join('; ');
      yield {
        id: r.id, displayName: r.display_name, kind: r.kind, familyName: r.family_name ?? '', givenNames: r.given_names ?? '', patronymic: r.patronymic ?? '',
        familyNameLatin: r.family_name_latin ?? '', givenNamesLatin: r.given_names_latin ?? '', companyName: r.company_name ?? '', gender: r.gender ?? '',
        birthDate: r.birth_date ?? '', phones: list('phone'), emails: list('email'), addresses: list('address'),
        consents: consents.filter((c) => c.customer_id === r.id).map((c) => c.channel).sort().join('; '), tags: r.tags.join('; '),
        manager: r.manager_id ? (managers.get(r.manager_id) ?? r.manager_id) : '', source: r.source ?? '', externalId: r.external_id ?? '',
        createdAt: r.created_at.toISOString(),
      };
    }
  }
}

function csvStream(rows: AsyncGenerator<ExportRow>, delimiter: string): Readable {
  return Readable.from((async function* () {
    yield UTF8_BOM + csvLine(EXPORT_COLUMNS.map(([, header]) => header), delimiter);
    let buffer = '';
    for await (const row of rows) {
      buffer += csvLine(EXPORT_COLUMNS.map(([key]) => row[key]), delimiter);
      if (buffer.length > 64 * 1024) { yield buffer; buffer = ''; }
    }
    if (buffer) yield buffer;
  })());
}

function xlsxStream(rows: AsyncGenerator<ExportRow>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Customers', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map(([key, header]) => ({ key, header, width: key === 'id' ? 38 : key === 'displayName' ? 32 : 18 }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

export async function exportCustomers(ctx: ServiceContext, actor: Actor, request: ExportRequest): Promise<{ filename: string; contentType: string; stream: Readable }> {
  requirePermission(actor, 'customers.import');
  const { format, delimiter, ...filters } = request;
  await audit(ctx.db, ctx, actor, 'customers.exported', 'customer', null, { format, ...filters });
  const rows = exportRows(ctx, actor, request);
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return format === 'csv'
    ? { filename: `customers-${day}.csv`, contentType: 'text/csv; charset=utf-8', stream: csvStream(rows, delimiter ?? ',') }
    : { filename: `customers-${day}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', stream: xlsxStream(rows) };
}
