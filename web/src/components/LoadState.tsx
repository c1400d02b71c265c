// What a page shows while its data is on the way or could not be loaded.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from './Alert';
import { errorMessage } from './errors';
import { Forbidden } from './Forbidden';

export function LoadState({ loading, error, onRetry }: { loading: boolean; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  if (error) {
    return (
      <Alert kind="error">
        {errorMessage(t, error)}{' '}
        {onRetry && <button type="button" className="link-button" onClick={onRetry}>{t('common.retry')}</button>}
      </Alert>
    );
  }
  if (loading) return <p className="muted" aria-busy="true">{t('common.loading')}</p>;
  return null;
}
