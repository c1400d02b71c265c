// Server errors in the reader's language: known codes and common validation reasons are translated;
// anything else falls back to the server's own (English) message rather than hiding it.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 403) return t('errors.forbidden');
  if (error.code === 'too_many_attempts') {
    const seconds = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : 900;
    return t('errors.too_many_attempts', { count: Math.ceil(seconds / 60) });
  }
  return t(`errors.${error.code}`, { defaultValue: error.message, details: error.message });
}

const REASONS: [RegExp, string][] = [
  [/^Invalid email/i, 'issues.email'],
  [/expected string to have >=1 characters|^Required$/i, 'issues.required'],
  [/at least (\d+) characters|>=(\d+) characters/i, 'issues.minLength'],
  [/<=(\d+) characters/i, 'issues.maxLength'],
  [/ISO 4217/i, 'issues.currency'],
  [/IANA time zone/i, 'issues.timeZone'],
  [/language tag/i, 'issues.locale'],
  [/Invalid UUID|^Invalid option/i, 'issues.choose'],
];

/** A field issue from the server, translated when its reason is a common one. */
export function issueMessage(t: TFunction, message: string): string {
  for (const [pattern, key] of REASONS) {
    const m = pattern.exec(message);
    if (m) return t(key, { count: Number(m[1] ?? m[2] ?? 0) });
  }
  return message;
}
