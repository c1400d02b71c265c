// The end of an import: how many customers were created, updated, left as they were and rejected, why,
// and each rejected row with its line number, as in the file; the rejected rows as a CSV to fix and import again.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useErrorText } from '../common/errors';
import type { ImportIssue, ImportSession } from '../common/types';
import { useProblemText } from './problems';

const PAGE = 100;

export function ReportStep({ session: s }: { session: ImportSession }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const r = s.report;
  if (!r || r.kind !== 'customers') return null;
  const reasonList = (by: Record<string, number>) => Object.entries(by).sort((a, b) => b[1] - a[1]);

  return (
    <>
      <section className="card" data-testid="import-report">
        <div className="card__header">
          <div>
            <h2>{t('import.reportTitle')}</h2>
            <p className="muted">{t('import.reportIntro', { count: r.rows, rows: fmt.number(r.rows), seconds: fmt.number(Math.round(r.seconds * 10) / 10) })}</p>
          </div>
          <Link to="/customers" className="button">{t('import.toList')}</Link>
        </div>
        <div className="stats">
          <Stat label={t('import.created')} value={fmt.number(r.created)} testId="report-created" tone="ok" />
          <Stat label={t('import.updated')} value={fmt.number(r.updated)} testId="report-updated" />
          <Stat label={t('import.skipped')} value={fmt.number(r.skipped)} testId="report-skipped" note={t('import.skippedNote')} />
          <Stat label={t('import.rejected')} value={fmt.number(r.rejected)} testId="report-rejected" tone={r.rejected ? 'danger' : undefined} />
        </div>
        {r.updated + r.skipped > 0 && (
          <p className="muted small">
            {t('import.matchedBy')}: {Object.entries(r.matchedBy).filter(([, n]) => n > 0).map(([k, n]) => `${t(`import.match.${k}`)} ${fmt.number(n)}`).join(', ')}
          </p>
        )}
        {(r.rejected > 0 || r.warnings > 0) && (
          <div className="cust-report-reasons">
            {r.rejected > 0 && (
              <div>
                <h3>{t('import.rejectedWhy')}</h3>
                <ul className="cust-values cust-reasons">{reasonList(r.rejectedBy).map(([k, n]) => <li key={k}>{t(`import.reasons.${k}`, { defaultValue: k.replace(/_/g, ' ') })}: {fmt.number(n)}</li>)}</ul>
              </div>
            )}
            {r.warnings > 0 && (
              <div>
                <h3>{t('import.warningsWhy', { count: r.warnings })}</h3>
                <ul className="cust-values cust-reasons">{reasonList(r.warningsBy).map(([k, n]) => <li key={k}>{t(`import.reasons.${k}`, { defaultValue: k.replace(/_/g, ' ') })}: {fmt.number(n)}</li>)}</ul>
              </div>
            )}
          </div>
        )}
      </section>
      {r.rejected > 0 && <Issues session={s} severity="error" />}
      {r.warnings > 0 && <Issues session={s} severity="warning" />}
    </>
  );
}

function Stat({ label, value, note, tone, testId }: { label: string; value: string; note?: string; tone?: 'ok' | 'danger' | undefined; testId: string }) {
  return (
    <div className={tone ? `stat cust-stat--${tone}` : 'stat'}>
      <span className="stat__label">{label}</span>
      <span className="stat__value" data-testid={testId}>{value}</span>
      {note && <span className="stat__note">{note}</span>}
    </div>
  );
}

function Issues({ session, severity }: { session: ImportSession; severity: 'error' | 'warning' }) {
  const { t } = useTranslation('customers');
  const errorText = useErrorText();
  const problem = useProblemText();
  const id = session.id;
  const loader = useCallback(async () => unwrap(api.GET('/api/imports/{id}/issues', { params: { path: { id }, query: { severity, limit: PAGE } } })), [id, severity]);
  const { data, error, loading, reload, set } = useLoad(loader);
  const [moreError, setMoreError] = useState<string | null>(null);
  const header = session.header;

  const more = async () => {
    if (!data?.next) return;
    setMoreError(null);
    try {
      const next = await unwrap(api.GET('/api/imports/{id}/issues', { params: { path: { id }, query: { severity, limit: PAGE, after: data.next } } }));
      set({ items: [...data.items, ...next.items], next: next.next });
    } catch (e) {
      setMoreError(errorText(e));
    }
  };
  const title = severity === 'error' ? t('import.rejectedRows') : t('import.warningRows');

  return (
    <section className="card" data-testid={severity === 'error' ? 'import-rejected' : 'import-warnings'}>
      <div className="card__header">
        <div>
          <h2>{title}</h2>
          <p className="muted">{severity === 'error' ? t('import.rejectedIntro') : t('import.warningsIntro')}</p>
        </div>
        <a className="button" href={`/api/imports/${id}/report.csv?severity=${severity}`} download data-testid={`download-${severity}`}>{t('import.downloadCsv')}</a>
      </div>
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr><th>{t('import.line')}</th><th>{t('import.reason')}</th><th>{t('import.rowInFile')}</th></tr>
            </thead>
            <tbody>
              {data.items.map((i: ImportIssue) => (
                <tr key={`${i.line}-${i.severity}`}>
                  <td>{i.line}</td>
                  <td>{i.problems.length ? i.problems.map((p, k) => <div key={k}>{problem(p)}</div>) : i.message}</td>
                  <td className="small">
                    {i.cells.map((cell, k) => (
                      <span key={k} className="cust-cell">{header?.[k] && <span className="muted">{header[k]}: </span>}<bdi>{cell || '∅'}</bdi></span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moreError && <Alert kind="error">{moreError}</Alert>}
      {data?.next !== null && data?.next !== undefined && <div className="actions"><button type="button" className="button" onClick={() => void more()}>{t('actions.showMore')}</button></div>}
    </section>
  );
}
