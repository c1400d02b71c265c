// useSubmit for the customer forms: customer error codes and the customer routes' field reasons
// (phones, e-mails, dates …) are translated from this area's namespace.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit, type SubmitState } from '../../../components/useSubmit';
import { issueText, useErrorText } from './errors';

export type FormState = SubmitState;

export function useForm(fields: readonly string[]): FormState {
  const { t, i18n } = useTranslation('customers');
  const issue = useCallback((message: string) => issueText(t, i18n.getFixedT(null, 'translation'), message), [t, i18n]);
  return useSubmit(fields, { error: useErrorText(), issue });
}
