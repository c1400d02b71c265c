// One ECharts chart: created once per container, resized when the container changes size, given the
// app's font and colours, mirrored for right-to-left languages, and disposed when it leaves the page.
// Pages build the option (with Intl formatters); this component only draws it. Every chart on a page
// has a table next to it, so the canvas is hidden from screen readers in favour of that table.
import { BarChart, FunnelChart, HeatmapChart, LineChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([
  BarChart, LineChart, HeatmapChart, TreemapChart, FunnelChart,
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkLineComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** The app's palette (styles.css), in an order where neighbours stay distinguishable. */
export const CHART_COLORS = ['#0f766e', '#d97706', '#2563eb', '#be185d', '#65a30d', '#7c3aed', '#0891b2', '#b45309', '#64748b', '#dc2626'];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);
const SWAP: Record<string, string> = { left: 'right', right: 'left' };
const LABEL_SWAP: Record<string, string> = { ...SWAP, insideLeft: 'insideRight', insideRight: 'insideLeft' };

/** Swaps left and right of a positioned component (legend, visualMap, grid offsets). */
function mirrorBox(box: Obj): Obj {
  const out: Obj = { ...box };
  const { left, right } = box;
  if (left !== undefined || right !== undefined) {
    delete out.left;
    delete out.right;
    if (typeof left === 'string' && SWAP[left]) out.left = SWAP[left];
    else if (left !== undefined) out.right = left;
    if (typeof right === 'string' && SWAP[right]) out.right = SWAP[right];
    else if (right !== undefined) out.left = right;
  }
  if (typeof box.align === 'string' && SWAP[box.align]) out.align = SWAP[box.align];
  return out;
}

/**
 * The option as a right-to-left reader expects it: horizontal axes run from the right, the value axis
 * stands on the right, legends and colour scales start on the right. Axes or charts that set
 * `rtl: false` in their own object keep their direction (e.g. a cohort table's "months since" axis
 * already reads naturally either way). Category axes that are vertical stay top-to-bottom.
 */
export function mirrorForRtl(option: ChartOption): ChartOption {
  const o = option as Obj;
  const out: Obj = { ...o };
  const axis = (a: Obj, horizontal: boolean, index: number): Obj => {
    if (a.rtl === false) return a;
    if (horizontal) return { ...a, inverse: !a.inverse };
    // ECharts puts a first vertical axis on the left and a second on the right unless told otherwise.
    const ltr = a.position ?? (index === 0 ? 'left' : 'right');
    return { ...a, position: ltr === 'right' ? 'left' : 'right' };
  };
  if (o.xAxis !== undefined) out.xAxis = list(o.xAxis).map((a, i) => axis(a, true, i));
  if (o.yAxis !== undefined) out.yAxis = list(o.yAxis).map((a, i) => axis(a, false, i));
  if (o.grid !== undefined) out.grid = list(o.grid).map(mirrorBox);
  if (o.legend !== undefined) out.legend = list(o.legend).map(mirrorBox);
  if (o.visualMap !== undefined) out.visualMap = list(o.visualMap).map(mirrorBox);
  if (o.series !== undefined) {
    out.series = list(o.series).map((s) => {
      if (s.rtl === false) return s;
      if (s.type === 'funnel') return { ...s, funnelAlign: s.funnelAlign === 'left' ? 'right' : s.funnelAlign === 'right' ? 'left' : s.funnelAlign };
      // A horizontal bar grows from the right once its value axis is mirrored, so a label at the bar's
      // end moves to its left side (else it lands on the category names).
      const label = isObj(s.label) ? s.label : null;
      const at = label && typeof label.position === 'string' ? LABEL_SWAP[label.position] : undefined;
      return label && at ? { ...s, label: { ...label, position: at } } : s;
    });
  }
  return out;
}

interface ChartProps {
  option: ChartOption;
  /** Block size in pixels; the inline size follows the container. */
  height?: number;
  /** A short description for assistive technology; the table next to the chart has the figures. */
  label: string;
  testId?: string;
}

export function Chart({ option, height = 320, label, testId }: ChartProps) {
  const { i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const base: ChartOption = {
      color: CHART_COLORS,
      textStyle: { fontFamily: FONT, color: '#1d2430' },
      animationDuration: 300,
      ...option,
    };
    chart.current?.setOption(rtl ? mirrorForRtl(base) : base, { notMerge: true });
  }, [option, rtl]);

  return <div ref={box} className="chart" style={{ blockSize: height }} role="img" aria-label={label} data-testid={testId} />;
}
