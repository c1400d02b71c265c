// Basis points (10 % = 1000) as a percentage for people, through Intl ("10%", "10 %", "١٠٪").
import { formatNumber } from '../format';

export function formatBp(bp: number, locale: string): string {
  return formatNumber(bp / 10_000, locale, { style: 'percent', maximumFractionDigits: 2 });
}
