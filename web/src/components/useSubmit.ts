// Runs a form's request and sorts what went wrong: issues about the form's own fields go next to
// those fields, everything else into one message above the buttons.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage, issueMessage } from './errors';

export interface SubmitState {
  busy: boolean;
  /** The translated problem with one field, if any. */
  fieldError(field: string): string | undefined;
  /** The message for the form as a whole (not tied to a shown field). */
  formError: string | null;
  /** Sets a field error found in the browser before asking the server. */
  setFieldError(field: string, message: string): void;
  run(action: () => Promise<void>): Promise<boolean>;
  reset(): void;
}

export function useSubmit(fields: readonly string[]): SubmitState {
  const { t } = useTranslation();
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
        for (const issue of e.issues) {
          const field = issue.field.split('.').pop() ?? issue.field;
          if (fields.includes(field) && !byField[field]) {
            byField[field] = e.code === 'validation_failed' ? issueMessage(t, issue.message) : errorMessage(t, e);
          }
        }
      }
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorMessage(t, e));
      return false;
    } finally {
      setBusy(false);
    }
  }, [fields, reset, t]);

  const setFieldError = useCallback((field: string, message: string) => {
    setFieldErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  return { busy, fieldError: (f) => fieldErrors[f], formError, setFieldError, run, reset };
}
