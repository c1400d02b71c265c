// The import running as a job: a progress bar over reading and saving, polled by the page.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/useFormat';
import type { ImportSession } from '../common/types';

export function ProgressStep({ session: s }: { session: ImportSession }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const p = s.progress;
  return (
    <section className="card" data-testid="import-progress">
      <h2>{s.status === 'queued' ? t('import.queued') : t('import.running')}</h2>
      <div className="cust-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={p.percent} aria-label={t('import.progress')}>
        <span className="cust-progress__bar" style={{ inlineSize: `${p.percent}%` }} />
      </div>
      <p className="muted">
        {fmt.number(p.percent)}%
        {s.phase && <> · {t(`import.phases.${s.phase}`)}</>}
        {' · '}{t('import.progressRows', { read: fmt.number(p.rowsRead), saved: fmt.number(p.rowsSaved), total: fmt.number(p.rowsTotal) })}
      </p>
      <p className="muted small">{t('import.canLeave')}</p>
    </section>
  );
}
