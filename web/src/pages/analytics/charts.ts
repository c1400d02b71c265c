// Small builders for the options the analytics pages share: the grid, the tooltip and axes with Intl
// labels. The Chart component mirrors them for right-to-left languages.
import type { ChartOption } from '../../components/Chart';

export const GRID = { left: 12, right: 24, top: 40, bottom: 8, containLabel: true };

export const AXIS_LINE = { lineStyle: { color: '#c3cad3' } };
export const SPLIT_LINE = { lineStyle: { color: '#eef1f4' } };

type Fmt = (v: number) => string;

export function valueAxis(format: Fmt, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'value', axisLabel: { formatter: (v: number) => format(v), color: '#5d6878' }, splitLine: SPLIT_LINE, axisLine: { show: false }, ...extra };
}

export function categoryAxis(labels: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'category', data: labels, axisLine: AXIS_LINE, axisTick: { show: false }, axisLabel: { color: '#5d6878', hideOverlap: true }, ...extra };
}

/** A tooltip whose numbers go through the page's Intl formatter, series by series. */
export function axisTooltip(format: (value: number, seriesIndex: number) => string): Record<string, unknown> {
  return {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as { axisValueLabel?: string; name?: string; seriesName?: string; value?: unknown; marker?: string; seriesIndex?: number }[];
      const head = list[0]?.axisValueLabel ?? list[0]?.name ?? '';
      const lines = list.map((p) => {
        const raw = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
        const value = typeof raw === 'number' ? format(raw, p.seriesIndex ?? 0) : '—';
        return `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: <b>${escapeHtml(value)}</b>`;
      });
      return [`<div dir="auto">${escapeHtml(head)}</div>`, ...lines.map((l) => `<div dir="auto">${l}</div>`)].join('');
    },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function legend(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12, textStyle: { color: '#1d2430' }, ...extra };
}

export type { ChartOption };
