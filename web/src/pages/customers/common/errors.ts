// Server errors about customers in the reader's language. The customer codes live in this area's
// namespace (customers:errors.*); anything else goes to the shell's translations, and from there to the
// server's own message.
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { errorMessage, issueMessage } from '../../../components/errors';

export type ErrorText = (error: unknown) => string;

/** A function turning any failure into a sentence for the reader. */
export function useErrorText(): ErrorText {
  const { t, i18n } = useTranslation('customers');
  return useCallback((error: unknown) => {
    if (error instanceof ApiError && error.status !== 403 && i18n.exists(`customers:errors.${error.code}`)) {
      return t(`errors.${error.code}`, { details: error.message });
    }
    return errorMessage(i18n.getFixedT(null, 'translation'), error);
  }, [t, i18n]);
}

// Field reasons the customer routes give, beyond the common ones the shell translates.
const REASONS: [RegExp, string][] = [
  [/is not a phone number/i, 'issues.phone'],
  [/is not an e-mail address/i, 'issues.email'],
  [/needs a name/i, 'issues.needName'],
  [/YYYY-MM-DD|^Invalid ISO date/i, 'issues.date'],
  [/in the future/i, 'issues.future'],
  [/country code/i, 'issues.country'],
  [/language code/i, 'issues.language'],
  [/must contain letters or digits/i, 'issues.lettersOrDigits'],
  [/at least its last two digits/i, 'issues.phoneTail'],
  [/is required/i, 'issues.required'],
];

export function issueText(t: TFunction, shell: TFunction, message: string): string {
  for (const [pattern, key] of REASONS) if (pattern.test(message)) return t(key);
  return issueMessage(shell, message);
}
