// A row problem of an import ("phone: not a valid phone number: 12"), in the reader's language.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export interface RowProblem { field: string; reason: string; value?: string }

export function useProblemText(): (p: RowProblem) => string {
  const { t } = useTranslation('customers');
  return useCallback((p: RowProblem) => {
    const field = t(`import.fields.${p.field}`, { defaultValue: p.field });
    const reason = t(`import.reasons.${p.reason}`, { defaultValue: p.reason.replace(/_/g, ' ') });
    return p.value !== undefined && p.value !== '' ? `${field}: ${reason} (${p.value})` : `${field}: ${reason}`;
  }, [t]);
}
