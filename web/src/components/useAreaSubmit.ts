// useSubmit for an area with its own error codes: field issues go next to their fields (as in the
// shell's forms), and the message for the whole form is looked up in the area's namespace first.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { issueMessage } from './errors';
import { useAreaError } from './useAreaError';
import type { SubmitState } from './useSubmit';

export function useAreaSubmit(ns: string, fields: readonly string[]): SubmitState {
  const { t } = useTranslation();
  const areaError = useAreaError(ns);
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
            byField[field] = e.code === 'validation_failed' ? issueMessage(t, issue.message) : areaError(e);
          }
        }
      }
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(areaError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, [fields, reset, t, areaError]);

  const setFieldError = useCallback((field: string, message: string) => {
    setFieldErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  return { busy, fieldError: (f) => fieldErrors[f], formError, setFieldError, run, reset };
}
