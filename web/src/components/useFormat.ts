// Formatting bound to the current language and the organization's currency and time zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatTime, intlLocale } from '../format';
import { useMe } from '../session';

export function useFormat() {
  const { i18n } = useTranslation();
  const { organization } = useMe();
  const locale = intlLocale(i18n.language);
  const { currency, timeZone } = organization;
  return useMemo(() => ({
    locale,
    number: (n: number | bigint) => formatNumber(n, locale),
    money: (minor: number | bigint | string) => formatMoney(minor, currency, locale),
    dateTime: (at: string | Date) => formatDateTime(at, locale, timeZone),
    date: (at: string | Date) => formatDate(at, locale, timeZone),
    time: (at: string | Date) => formatTime(at, locale, timeZone),
  }), [locale, currency, timeZone]);
}
