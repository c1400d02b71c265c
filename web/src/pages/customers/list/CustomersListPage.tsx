// The customer base: search (any script, transliteration, typos, phone, e-mail, card, document), narrow
// namesakes down, filter by tag, manager and kind, page through the list, export what is shown.
import type { TFunction } from 'i18next';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { LoadState } from '../../../components/LoadState';
import { useLoad } from '../../../components/useLoad';
import { useFormat } from '../../../components/useFormat';
import { useMe } from '../../../session';
import { canImport } from '../common/can';
import { issueText, useErrorText } from '../common/errors';
import { formatDay } from '../common/format';
import type { Customer, SearchResult } from '../common/types';
import { CustomerTable } from './CustomerTable';
import { ExportLinks } from './ExportLinks';
import { MatchTable } from './MatchTable';
import { apiFilters, readQuery, writeQuery, type Query } from './query';
import { SearchPanel } from './SearchPanel';

const PAGE = 50;
const SEARCH_LIMIT = 50;

type Answer = { mode: 'search'; result: SearchResult } | { mode: 'list'; items: Customer[]; next: string | null };

export function CustomersListPage() {
  const { t, i18n } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  // Cursors of the pages before this one, so "previous" goes back without the server keeping state.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const loader = useCallback(async (): Promise<Answer> => {
    const filters = apiFilters(query);
    if (query.q) {
      return { mode: 'search', result: await unwrap(api.GET('/api/customers/search', { params: { query: { q: query.q, limit: SEARCH_LIMIT, ...filters } } })) };
    }
    const page = await unwrap(api.GET('/api/customers', { params: { query: { limit: PAGE, ...filters, ...(cursor && { cursor }) } } }));
    return { mode: 'list', items: page.items, next: page.next };
  }, [query, cursor]);
  const { data, error, loading, reload } = useLoad(loader);

  const onSearch = (next: Query) => {
    setCursors([undefined]);
    setParams(writeQuery(next));
  };
  const fieldError = (key: string) => {
    if (!(error instanceof ApiError) || error.code !== 'validation_failed') return undefined;
    const issue = error.issues.find((i) => i.field === key);
    return issue ? issueText(t, i18n.getFixedT(null, 'translation'), issue.message) : undefined;
  };
  const validationOnly = error instanceof ApiError && error.code === 'validation_failed' && error.issues.length > 0;

  return (
    <>
      <SearchPanel query={query} onSearch={onSearch} fieldError={fieldError} />
      <section className="card">
        <div className="card__header">
          <div>
            <h2>{query.q ? t('list.resultsTitle') : t('list.allTitle')}</h2>
            {data?.mode === 'search' && <p className="muted" data-testid="search-summary">{summary(t, data.result, fmt.number, fmt.locale)}</p>}
          </div>
          {canImport(me.staff.role) && <ExportLinks query={query} />}
        </div>
        {!data || (error && !validationOnly) ? <LoadState loading={loading} error={validationOnly ? null : error} onRetry={reload} /> : null}
        {validationOnly && <Alert kind="error">{errorText(error)}</Alert>}
        {data?.mode === 'search' && (
          <>
            {data.result.more && <Alert kind="info">{t('search.more', { fields: narrowHint(t, data.result) })}</Alert>}
            {!data.result.more && data.result.items.length > 1 && data.result.distinguishing.length > 0 && (
              <p className="muted small" data-testid="namesakes-hint">{t('search.namesakes', { fields: narrowHint(t, data.result) })}</p>
            )}
            {data.result.items.length === 0
              ? <p className="muted empty-state">{t('search.none')}</p>
              : <MatchTable items={data.result.items} distinguishing={data.result.distinguishing} />}
          </>
        )}
        {data?.mode === 'list' && (
          <>
            {data.items.length === 0
              ? <p className="muted empty-state">{Object.keys(query).length ? t('list.noneFiltered') : t('list.none')}</p>
              : <CustomerTable items={data.items} />}
            {(cursors.length > 1 || data.next) && (
              <div className="actions pager">
                <button type="button" className="button" disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('list.previous')}</button>
                <span className="muted">{t('list.page', { page: cursors.length })}</span>
                <button type="button" className="button" disabled={!data.next || loading} onClick={() => setCursors((c) => [...c, data.next ?? undefined])}>{t('list.next')}</button>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}

function summary(t: TFunction, result: SearchResult, number: (n: number) => string, locale: string): string {
  const found = t('search.found', { count: result.items.length, shown: number(result.items.length) });
  const u = result.understoodAs;
  const as = u.kind === 'name' && u.words.length ? t('search.asName', { words: u.words.join(' ') })
    : u.kind === 'number' ? t('search.asNumber') : u.kind === 'email' ? t('search.asEmail') : '';
  const born = u.birthDate ? t('search.bornOn', { date: formatDay(u.birthDate, locale) }) : u.birthYear ? t('search.bornIn', { year: u.birthYear }) : '';
  return [found, as, born].filter(Boolean).join(' · ');
}

function narrowHint(t: TFunction, result: SearchResult): string {
  const fields = result.distinguishing.length ? result.distinguishing : (['givenNames', 'birthDate', 'document', 'phone'] as const);
  return fields.map((f) => t(`search.by.${f}`)).join(', ');
}
