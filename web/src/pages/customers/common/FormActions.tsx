// The foot of a customer form: its error, then submit and cancel (a button, or a link away when given a path).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../../components/Alert';
import type { FormState } from './useForm';

interface FormActionsProps {
  form: Pick<FormState, 'formError' | 'busy'>;
  submitLabel: string;
  cancel: (() => void) | { to: string };
}

export function FormActions({ form, submitLabel, cancel }: FormActionsProps) {
  const { t } = useTranslation('customers');
  return (
    <>
      {form.formError && <Alert kind="error">{form.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>{submitLabel}</button>
        {typeof cancel === 'function'
          ? <button type="button" className="button" onClick={cancel}>{t('actions.cancel')}</button>
          : <Link to={cancel.to} className="button">{t('actions.cancel')}</Link>}
      </div>
    </>
  );
}
