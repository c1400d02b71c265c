// Downloads of what the list shows (the same search and filters) as CSV or XLSX.
import { useTranslation } from 'react-i18next';
import { exportHref, type Query } from './query';

export function ExportLinks({ query }: { query: Query }) {
  const { t, i18n } = useTranslation('customers');
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="actions" role="group" aria-label={t('export.label')}>
      <span className="muted small">{t('export.label')}:</span>
      <a className="button button--small" href={exportHref(query, 'csv', lang)} download data-testid="export-csv">CSV</a>
      <a className="button button--small" href={exportHref(query, 'csv', lang, 'semicolon')} download title={t('export.excelHint')}>{t('export.csvExcel')}</a>
      <a className="button button--small" href={exportHref(query, 'xlsx', lang)} download data-testid="export-xlsx">XLSX</a>
    </div>
  );
}
