// Figures of the analytics tables and charts for people, through Intl: money from (possibly fractional
// averages of) minor units, shares and percents, months and days of the calendar, and the server's
// names of segments, steps and groups in the reader's language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/useFormat';
import { formatNumber } from '../../format';
import type { Cell, Column, Note } from './measure';

/** Keys whose text values are names the app translates (segment "champions", step "one_purchase" …). */
const NAMED: Record<string, string> = { segment: 'segment', step: 'step', from: 'step', to: 'step', group: 'group', scope: 'scope', mechanic: 'mechanic' };

export function useFigures() {
  const { t, i18n } = useTranslation('analytics');
  const fmt = useFormat();
  const { locale } = fmt;
  return useMemo(() => {
    const money = (minor: number) => fmt.money(BigInt(Math.round(minor)));
    const moneyShort = (minor: number, code: string) => {
      // Axis labels: whole currency units, compact ("€12K"), never the minor units.
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
      return formatNumber(minor / 10 ** digits, locale, { style: 'currency', currency: code, notation: 'compact', maximumFractionDigits: 1 });
    };
    const share = (v: number, digits = 1) => formatNumber(v, locale, { style: 'percent', maximumFractionDigits: digits });
    const percent = (v: number, digits = 1) => share(v / 100, digits);
    const number = (v: number, digits = 2) => formatNumber(v, locale, { maximumFractionDigits: digits });
    const integer = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 0 });
    const month = (ym: string, style: 'short' | 'long' = 'short') => {
      const [y, m] = ym.split('-').map(Number);
      if (!y || !m) return ym;
      return new Intl.DateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
    };
    const monthName = (m: number) => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, m - 1, 1)));
    /** ISO weekday 1 = Monday. 2024-01-01 was a Monday. */
    const weekdayName = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));
    const day = (ymd: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
    const name = (key: string, value: string) => {
      const group = NAMED[key];
      return group ? t(`values.${group}.${value}`, { defaultValue: value }) : value;
    };
    const cell = (c: Column, v: Cell): string => {
      if (v === null || v === undefined) return '—';
      if (typeof v === 'boolean') return v ? t('yes') : t('no');
      if (typeof v === 'string') {
        if (c.kind === 'month') return month(v);
        if (c.kind === 'date') return day(v);
        return name(c.key, v);
      }
      switch (c.kind) {
        case 'money': return money(v);
        case 'share': return share(v);
        case 'percent': return percent(v);
        case 'integer': return integer(v);
        default: return number(v);
      }
    };
    /**
     * A server note in the reader's language (noteText in analytics.json; the exports use the same sentences
     * from src/modules/analytics/notes.ts). A parameter named *Share is a fraction shown as a percentage;
     * `months` and `days` are counts with their unit in the number's plural form (countUnits, chosen by
     * i18next through Intl.PluralRules); the English text stands in for a code this app does not know yet.
     */
    const count = (k: string, v: number) => t(`countUnits.${k}`, { count: v, value: number(v) });
    const note = (n: Note): string => {
      const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, k.endsWith('Share') ? share(v) : k === 'months' || k === 'days' ? count(k, v) : number(v)]));
      return t(`noteText.${n.code}`, { ...params, defaultValue: n.text });
    };
    return { t, i18n, fmt, locale, money, moneyShort, share, percent, number, integer, month, monthName, weekdayName, day, name, cell, note };
  }, [t, i18n, fmt, locale]);
}

export type Figures = ReturnType<typeof useFigures>;

/** A column's heading: the measure's own wording, else the common one, else the server's English. */
export function columnLabel(f: Figures, measure: string, table: string, c: Column): string {
  return f.t(`measureColumns.${measure}.${table}.${c.key}`, { defaultValue: f.t(`columns.${c.key}`, { defaultValue: c.label }) });
}
