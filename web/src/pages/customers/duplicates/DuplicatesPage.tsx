// Likely duplicates, best first: both profiles side by side with why they look like one person; staff
// compare and merge them, or say they are different people. "Look for duplicates now" runs a scan as a
// job: the page shows its progress bar, then how many pairs it proposed from how many customers.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSupervise, canWrite } from '../common/can';
import { DocumentText } from '../common/DocumentText';
import { useErrorText } from '../common/errors';
import { formatDay } from '../common/format';
import type { CustomerMatch, Duplicate, DuplicateReason, DuplicateScan } from '../common/types';
import { mergeHref } from './links';
import { ScanProgress } from './ScanProgress';
import { scanBusy, useDuplicateScan } from './useDuplicateScan';

const STATUSES = ['open', 'dismissed', 'merged'] as const;
type Status = (typeof STATUSES)[number];

export function DuplicatesPage() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const status: Status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : 'open';
  const loader = useCallback(async () => (await unwrap(api.GET('/api/duplicates', { params: { query: { status, limit: 100 } } }))).items, [status]);
  const { data, error, loading, reload } = useLoad(loader);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const supervise = canSupervise(me.staff.role);
  const { number } = useFormat();

  const scanFinished = useCallback((s: DuplicateScan) => {
    if (s.status === 'done' && s.result) {
      const { proposed, scanned } = s.result;
      setNotice(t('duplicates.scanDone', {
        proposals: t('duplicates.proposals', { count: proposed, n: number(proposed) }),
        checked: t('duplicates.checked', { count: scanned, n: number(scanned) }),
      }));
      reload();
    } else {
      setActionError(t('duplicates.scanFailed'));
    }
  }, [t, number, reload]);
  const scan = useDuplicateScan(supervise, scanFinished);
  const startScan = () => {
    setNotice(null);
    setActionError(null);
    void scan.start();
  };
  const dismiss = async (d: Duplicate) => {
    setNotice(null);
    setActionError(null);
    try {
      await unwrap(api.POST('/api/duplicates/{id}/dismiss', { params: { path: { id: d.id } } }));
      setNotice(t('duplicates.dismissed'));
      reload();
    } catch (e) {
      setActionError(errorText(e));
    }
  };

  return (
    <section className="card" data-testid="duplicates">
      <div className="card__header">
        <div>
          <h2>{t('duplicates.title')}</h2>
          <p className="muted">{t('duplicates.intro')}</p>
        </div>
        {supervise && <button type="button" className="button" disabled={scan.busy} onClick={startScan}>{t('duplicates.scan')}</button>}
      </div>
      {scan.scan && scanBusy(scan.scan) && <ScanProgress scan={scan.scan} />}
      {scan.error !== null && <Alert kind="error">{errorText(scan.error)}</Alert>}
      <div className="cust-seg" role="tablist">
        {STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === status} className={s === status ? 'cust-seg__option cust-seg__option--on' : 'cust-seg__option'}
            onClick={() => setParams(s === 'open' ? {} : { status: s })}>{t(`duplicates.status.${s}`)}</button>
        ))}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {actionError && <Alert kind="error">{actionError}</Alert>}
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : data.length === 0 ? (
        <p className="muted empty-state">{t(`duplicates.none.${status}`)}</p>
      ) : (
        <ul className="cust-dups">
          {data.map((d) => (
            <li key={d.id} className="card cust-dup">
              <div className="cust-dup__score">
                <Score value={d.score} />
                <ul className="cust-dup__reasons">{d.reasons.map((r, i) => <li key={i}><ReasonText reason={r} /></li>)}</ul>
              </div>
              <div className="cust-dup__pair">
                <Side person={d.a} />
                <Side person={d.b} />
              </div>
              {status === 'open' && (
                <div className="actions">
                  {supervise && <Link className="button button--primary" to={mergeHref(d.a.id, d.b.id, d.id)}>{t('duplicates.compare')}</Link>}
                  {canWrite(me.staff.role) && <button type="button" className="button" onClick={() => void dismiss(d)}>{t('duplicates.dismiss')}</button>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Score({ value }: { value: number }) {
  const { t } = useTranslation('customers');
  const level = value >= 80 ? 'high' : value >= 50 ? 'medium' : 'low';
  return (
    <div className={`cust-score cust-score--${level}`} title={t('duplicates.scoreHint')}>
      <span className="cust-score__value">{value}</span>
      <span className="cust-score__bar" aria-hidden="true"><span style={{ inlineSize: `${Math.max(0, Math.min(100, value))}%` }} /></span>
      <span className="sr-only">{t('duplicates.score', { score: value })}</span>
    </div>
  );
}

function ReasonText({ reason }: { reason: DuplicateReason }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const similarity = reason.similarity !== undefined ? new Intl.NumberFormat(locale, { style: 'percent' }).format(reason.similarity) : null;
  return <>{t(`duplicates.reasons.${reason.kind}`)}{similarity && <span className="muted"> ({similarity})</span>}</>;
}

function Side({ person: p }: { person: CustomerMatch }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  return (
    <div className="cust-dup__side">
      <Link to={`/customers/${p.id}`} className="cust-name"><bdi>{p.displayName}</bdi></Link>
      <dl className="cust-dl cust-dl--compact">
        <div className="cust-dl__row"><dt>{t('fields.birthDate')}</dt><dd>{p.birthDate ? formatDay(p.birthDate, locale) : '—'}</dd></div>
        <div className="cust-dl__row"><dt>{t('fields.phone')}</dt><dd><span dir="ltr">{p.phone ?? '—'}</span></dd></div>
        <div className="cust-dl__row"><dt>{t('fields.email')}</dt><dd><span dir="ltr">{p.email ?? '—'}</span></dd></div>
        <div className="cust-dl__row"><dt>{t('fields.document')}</dt><dd>{p.document ? <DocumentText text={p.document} /> : '—'}</dd></div>
        {p.cards.length > 0 && <div className="cust-dl__row"><dt>{t('fields.card')}</dt><dd><span dir="ltr">{p.cards.map((c) => c.replace(/^card\s+/, '')).join(', ')}</span></dd></div>}
      </dl>
    </div>
  );
}
