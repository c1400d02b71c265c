// Complaint reasons: the built-in ones are shown in the reader's language, the organization's own as named.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintReason } from '../common/types';

export function useReasonLabel(): (reason: Pick<ComplaintReason, 'key' | 'label' | 'builtIn'> | undefined) => string {
  const { t } = useTranslation('customers');
  return useCallback((reason) => {
    if (!reason) return t('complaints.unknownReason');
    return reason.builtIn ? t(`complaints.reasons.${reason.key}`, { defaultValue: reason.label }) : reason.label;
  }, [t]);
}
