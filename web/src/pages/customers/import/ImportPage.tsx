// One import, from mapping to report: the step follows the session's state on the server, so a reload or
// a second tab shows the same thing; while the job runs, the page polls its progress.
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { Forbidden } from '../../../components/Forbidden';
import { LoadState } from '../../../components/LoadState';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canImport } from '../common/can';
import type { ImportSession } from '../common/types';
import { MappingStep } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import { ReportStep } from './ReportStep';

const POLL_MS = 700;
const STEPS = ['source', 'mapping', 'running', 'report'] as const;

export function ImportPage() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const { importId = '' } = useParams();
  const loader = useCallback(() => unwrap(api.GET('/api/imports/{id}', { params: { path: { id: importId } } })), [importId]);
  const { data, error, loading, reload, set } = useLoad(loader);
  const busy = data?.status === 'queued' || data?.status === 'running';

  useEffect(() => {
    if (!busy) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [busy, data, reload]);

  if (!canImport(me.staff.role)) return <Forbidden />;
  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  if (data.kind !== 'customers') return <Alert kind="info">{t('import.purchasesElsewhere')}</Alert>;
  const step = data.status === 'done' ? 'report' : busy ? 'running' : 'mapping';

  return (
    <>
      <ol className="cust-steps" aria-label={t('import.steps.label')}>
        {STEPS.map((s, i) => {
          const at = STEPS.indexOf(step);
          const state = i < at ? 'done' : i === at ? 'current' : 'todo';
          return <li key={s} className={`cust-steps__step cust-steps__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}><span className="cust-steps__n">{i + 1}</span>{t(`import.steps.${s}`)}</li>;
        })}
      </ol>
      <SourceLine session={data} />
      {data.status === 'failed' && <Alert kind="error">{t('import.failed', { message: data.error?.message ?? '' })}</Alert>}
      {step === 'mapping' && <MappingStep session={data} onChange={set} />}
      {step === 'running' && <ProgressStep session={data} />}
      {step === 'report' && <ReportStep session={data} />}
    </>
  );
}

function SourceLine({ session: s }: { session: ImportSession }) {
  const { t } = useTranslation('customers');
  return (
    <p className="muted cust-source-line">
      {s.origin === 'paste' ? t('import.pasted') : <bdi>{s.fileName ?? t('import.fileNoName')}</bdi>}
      {' · '}{t('import.rowsCount', { count: s.rowsTotal })}
      {' · '}<Link to="/customers/import">{t('import.another')}</Link>
    </p>
  );
}
