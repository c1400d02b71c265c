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
import { EXPORT_HEADERS, EXPORT_KEYS, type ExportKey, type ExportLanguage } from './headers.js';

const CHUNK = 1000;
/** A search export takes at most this many people (best first); a list export has no limit. */
export const SEARCH_EXPORT_LIMIT = 10_000;

export type ExportRow = Record<ExportKey, string>;

export interface ExportRequest extends CustomerFilters {
  q?: string | undefined;
  format: 'csv' | 'xlsx';
  delimiter?: ',' | ';' | '\t' | undefined;
  /** The language of the column headers (default English). */
  language?: ExportLanguage | undefined;
}

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
    const contactsOf = groupBy(contacts, (c) => c.customer_id);
    const consentsOf = groupBy(consents, (c) => c.customer_id);
    for (const r of rows) {
      const mine = contactsOf.get(r.id) ?? [];
      const list = (kind: string) => mine.filter((c) => c.kind === kind).map((c) => c.value).join('; ');
      yield {
        id: r.id, displayName: r.display_name, kind: r.kind, familyName: r.family_name ?? '', givenNames: r.given_names ?? '', patronymic: r.patronymic ?? '',
        familyNameLatin: r.family_name_latin ?? '', givenNamesLatin: r.given_names_latin ?? '', companyName: r.company_name ?? '', gender: r.gender ?? '',
        birthDate: r.birth_date ?? '', phones: list('phone'), emails: list('email'), addresses: list('address'),
        consents: (consentsOf.get(r.id) ?? []).map((c) => c.channel).sort().join('; '), tags: r.tags.join('; '),
        manager: r.manager_id ? (managers.get(r.manager_id) ?? r.manager_id) : '', source: r.source ?? '', externalId: r.external_id ?? '',
        createdAt: r.created_at.toISOString(),
      };
    }
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function csvStream(rows: AsyncGenerator<ExportRow>, delimiter: string, language: ExportLanguage): Readable {
  return Readable.from((async function* () {
    yield UTF8_BOM + csvLine(EXPORT_KEYS.map((key) => EXPORT_HEADERS[language][key]), delimiter);
    let buffer = '';
    for await (const row of rows) {
      buffer += csvLine(EXPORT_KEYS.map((key) => row[key]), delimiter);
      if (buffer.length > 64 * 1024) { yield buffer; buffer = ''; }
    }
    if (buffer) yield buffer;
  })());
}

function xlsxStream(rows: AsyncGenerator<ExportRow>, language: ExportLanguage): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(SHEET_NAME[language], { views: [{ state: 'frozen', ySplit: 1, rightToLeft: language === 'ar' }] });
  sheet.columns = EXPORT_KEYS.map((key) => ({ key, header: EXPORT_HEADERS[language][key], width: key === 'id' ? 38 : key === 'displayName' ? 32 : 18 }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

const SHEET_NAME: Record<ExportLanguage, string> = { en: 'Customers', ru: 'Клиенты', ar: 'العملاء' };

export async function exportCustomers(ctx: ServiceContext, actor: Actor, request: ExportRequest): Promise<{ filename: string; contentType: string; stream: Readable }> {
  requirePermission(actor, 'customers.import');
  const { format, delimiter, language = 'en', ...filters } = request;
  await audit(ctx.db, ctx, actor, 'customers.exported', 'customer', null, { format, ...filters });
  const rows = exportRows(ctx, actor, request);
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return format === 'csv'
    ? { filename: `customers-${day}.csv`, contentType: 'text/csv; charset=utf-8', stream: csvStream(rows, delimiter ?? ',', language) }
    : { filename: `customers-${day}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', stream: xlsxStream(rows, language) };
}
