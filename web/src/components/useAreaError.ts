// Server errors in the reader's language for an area with its own codes (loyalty: card_blocked,
// receipt_conflict …): the area's namespace first (`<ns>:errors.<code>`), then the shell's messages.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from './errors';

export function useAreaError(ns: string): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback((error: unknown) => {
    if (error instanceof ApiError && error.status !== 403) {
      const key = `${ns}:errors.${error.code}`;
      if (i18n.exists(key)) return t(key, { details: error.message, ...stringDetails(error.details) });
    }
    return errorMessage(t, error);
  }, [ns, t, i18n]);
}

/** The scalar details of an error, for interpolation (e.g. {{reason}}). */
function stringDetails(details: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}
