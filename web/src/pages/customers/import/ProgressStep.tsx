// The import running as a job: a progress bar over reading and saving, polled by the page.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/useFormat';
import { ProgressBar } from '../common/ProgressBar';
import type { ImportSession } from '../common/types';

export function ProgressStep({ session: s }: { session: ImportSession }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const p = s.progress;
  return (
    <section className="card" data-testid="import-progress">
      <h2>{s.status === 'queued' ? t('import.queued') : t('import.running')}</h2>
      <ProgressBar percent={p.percent} label={t('import.progress')} />
      <p className="muted">
        {fmt.number(p.percent)}%
        {s.phase && <> · {t(`import.phases.${s.phase}`)}</>}
        {' · '}{t('import.progressRows', { read: fmt.number(p.rowsRead), saved: fmt.number(p.rowsSaved), total: fmt.number(p.rowsTotal) })}
      </p>
      <p className="muted small">{t('import.canLeave')}</p>
    </section>
  );
}
