// Runs a form's request and sorts what went wrong: issues about the form's own fields go next to
// those fields, everything else into one message above the buttons. Areas with their own error codes
// pass their own translators (useAreaSubmit, the customers' useForm); the sorting is the same for all.
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

export interface SubmitTexts {
  /** A failure as a sentence for the reader (default: the shell's messages). */
  error?: (error: unknown) => string;
  /** One field issue's reason as a sentence (default: the shell's common reasons). */
  issue?: (message: string) => string;
}

/**
 * The form field an issue path belongs to: the whole path, its first part (an issue about "phones.1"
 * belongs to "phones") or its last ("address.city" to "city").
 */
export function fieldOfIssue(path: string, fields: readonly string[]): string | undefined {
  const parts = path.split('.');
  return [path, parts[0], parts[parts.length - 1]].find((f) => f !== undefined && fields.includes(f));
}

export function useSubmit(fields: readonly string[], texts: SubmitTexts = {}): SubmitState {
  const { t } = useTranslation();
  const { error: errorText, issue: issueText } = texts;
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
          const field = fieldOfIssue(issue.field, fields);
          if (field && !byField[field]) byField[field] = e.code === 'validation_failed' ? (issueText ?? ((m) => issueMessage(t, m)))(issue.message) : say(e);
        }
      }
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(say(e));
      return false;
    } finally {
      setBusy(false);
    }
    function say(e: unknown): string {
      return errorText ? errorText(e) : errorMessage(t, e);
    }
  }, [fields, reset, t, errorText, issueText]);

  const setFieldError = useCallback((field: string, message: string) => {
    setFieldErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  return { busy, fieldError: (f) => fieldErrors[f], formError, setFieldError, run, reset };
}
