// Runs a customer form's request and sorts what went wrong, like the shell's useSubmit, but knowing the
// customer error codes and list fields: an issue about "phones.1" belongs to the "phones" field.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { issueText, useErrorText } from './errors';

export interface FormState {
  busy: boolean;
  fieldError(field: string): string | undefined;
  formError: string | null;
  setFieldError(field: string, message: string): void;
  run(action: () => Promise<void>): Promise<boolean>;
  reset(): void;
}

export function useForm(fields: readonly string[]): FormState {
  const { t, i18n } = useTranslation('customers');
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const reset = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    reset();
    try {
      await action();
      return true;
    } catch (e) {
      const byField: Record<string, string> = {};
      if (e instanceof ApiError) {
        const shell = i18n.getFixedT(null, 'translation');
        for (const issue of e.issues) {
          const parts = issue.field.split('.');
          const field = [issue.field, parts[0], parts[parts.length - 1]].find((f) => f !== undefined && fields.includes(f));
          if (field && !byField[field]) byField[field] = e.code === 'validation_failed' ? issueText(t, shell, issue.message) : errorText(e);
        }
      }
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, [fields, reset, t, i18n, errorText]);

  const setFieldError = useCallback((field: string, message: string) => {
    setFieldErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  return { busy, fieldError: (f) => fieldErrors[f], formError, setFieldError, run, reset };
}
