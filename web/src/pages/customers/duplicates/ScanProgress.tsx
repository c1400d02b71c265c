// A duplicate scan in progress: the same bar as an import, with how many customers are checked so far.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/useFormat';
import { formatNumber } from '../../../format';
import { ProgressBar } from '../common/ProgressBar';
import type { DuplicateScan } from '../common/types';

export function ScanProgress({ scan: s }: { scan: DuplicateScan }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const p = s.progress;
  return (
    <div className="cust-scan" data-testid="duplicates-scan" aria-live="polite">
      <p><strong>{s.status === 'queued' ? t('duplicates.scanQueued') : t('duplicates.scanRunning')}</strong></p>
      <ProgressBar percent={p.percent} label={t('duplicates.scanProgress')} />
      <p className="muted">
        {formatNumber(p.percent / 100, fmt.locale, { style: 'percent' })}
        {p.total !== null && <>{' · '}{t('duplicates.scanChecked', { checked: fmt.number(p.checked), total: fmt.number(p.total) })}</>}
      </p>
      <p className="muted small">{t('duplicates.scanCanLeave')}</p>
    </div>
  );
}
