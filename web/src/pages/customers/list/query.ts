// The list page keeps its search and filters in the address, so a search can be bookmarked, shared,
// reloaded and exported exactly as shown.

export const NARROWING = ['givenName', 'birthDate', 'birthYear', 'documentTail', 'phone'] as const;
export const FILTERS = ['tag', 'managerId', 'kind'] as const;
export const QUERY_KEYS = ['q', ...NARROWING, ...FILTERS] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];
export type Query = Partial<Record<QueryKey, string>>;

export function readQuery(params: URLSearchParams): Query {
  const out: Query = {};
  for (const key of QUERY_KEYS) {
    const v = params.get(key)?.trim();
    if (v) out[key] = v;
  }
  return out;
}

export function writeQuery(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const v = query[key]?.trim();
    if (v) params.set(key, v);
  }
  return params;
}

/** The filters as the API takes them (the same for list, search and export). */
export function apiFilters(query: Query) {
  const kind = query.kind === 'person' || query.kind === 'company' ? (query.kind as 'person' | 'company') : undefined;
  const birthYear = query.birthYear && /^\d{4}$/.test(query.birthYear) ? Number(query.birthYear) : undefined;
  return {
    ...(query.givenName && { givenName: query.givenName }),
    ...(query.birthDate && { birthDate: query.birthDate }),
    ...(birthYear !== undefined && { birthYear }),
    ...(query.documentTail && { documentTail: query.documentTail }),
    ...(query.phone && { phone: query.phone }),
    ...(query.tag && { tag: query.tag }),
    ...(query.managerId && { managerId: query.managerId }),
    ...(kind && { kind }),
  };
}

const HEADER_LANGUAGES = ['en', 'ru', 'ar'];

/** The export link; the file's column headers are in the reader's language when the server has it. */
export function exportHref(query: Query, format: 'csv' | 'xlsx', language: string, delimiter?: 'comma' | 'semicolon'): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(apiFilters(query))) params.set(k, String(v));
  if (query.q) params.set('q', query.q);
  params.set('format', format);
  if (delimiter) params.set('delimiter', delimiter);
  const lang = language.split('-')[0] ?? 'en';
  if (HEADER_LANGUAGES.includes(lang)) params.set('language', lang);
  return `/api/customers/export?${params.toString()}`;
}
