// A calendar date ("1988-03-21") is the same day everywhere: format it in UTC, never shifted by a zone.
import { formatDate } from '../../format';

export function calendarDate(isoDate: string, locale: string): string {
  return formatDate(`${isoDate.slice(0, 10)}T00:00:00Z`, locale, 'UTC', 'long');
}
