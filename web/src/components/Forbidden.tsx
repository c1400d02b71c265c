import { useTranslation } from 'react-i18next';

/** Shown instead of a page the role may not use (also when the server answers 403). */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <h2>{t('forbidden.title')}</h2>
      <p className="muted">{t('forbidden.text')}</p>
    </div>
  );
}
