import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO, withAlpha } from './palette';

/** One step of a bridge: a component's point estimate and its P10–P90 range. */
export interface BridgeStep {
  label: string;
  value: number;
  p10?: number | null;
  p90?: number | null;
}

export interface WaterfallOptions {
  totalLabel: string;
  valueLabel: string;
  rangeLabel: string;
  formatValue?: (v: number) => string;
  fontFamily?: string;
  /** A static image (print, email): no animation, no tooltips. */
  static?: boolean;
  /** false for server-side rendering on a fixed-size canvas (@napi-rs/canvas); default true. */
  responsive?: boolean;
}

export type WaterfallConfig = ChartConfiguration<'bar', ([number, number] | null)[], string>;

/**
 * A bridge (waterfall): each component is a floating bar from the running total before it to the
 * running total after it, the last bar is the total from 0. Dataset 1 draws each step's P10–P90
 * range as a thin bar of the same height band (offset by the running total), so the reader sees how
 * uncertain each component is. Negative components step down. Index i of the labels = step i; the
 * last index is the total.
 */
export function waterfallConfig(
  steps: readonly BridgeStep[],
  total: BridgeStep,
  o: WaterfallOptions,
): WaterfallConfig {
  const fmt = o.formatValue ?? ((v: number) => String(v));
  const font = o.fontFamily ? { family: o.fontFamily } : {};
  let running = 0;
  const bars: [number, number][] = [];
  const ranges: ([number, number] | null)[] = [];
  for (const s of steps) {
    const start = running;
    running += s.value;
    bars.push([start, running]);
    ranges.push(
      s.p10 !== null && s.p10 !== undefined && s.p90 !== null && s.p90 !== undefined && s.p90 !== s.p10
        ? [start + s.p10, start + s.p90]
        : null,
    );
  }
  bars.push([0, total.value]);
  ranges.push(
    total.p10 !== null && total.p10 !== undefined && total.p90 !== null && total.p90 !== undefined
      ? [total.p10, total.p90]
      : null,
  );
  const colours = [
    ...steps.map((s) => (s.value >= 0 ? OKABE_ITO.vermillion : OKABE_ITO.green)),
    OKABE_ITO.blue,
  ];
  return {
    type: 'bar',
    data: {
      labels: [...steps.map((s) => s.label), o.totalLabel],
      datasets: [
        {
          label: o.valueLabel,
          data: bars,
          backgroundColor: colours.map((c) => withAlpha(c, 0.75)),
          borderColor: colours,
          borderWidth: 1,
          order: 2,
        },
        {
          label: o.rangeLabel,
          data: ranges,
          backgroundColor: OKABE_ITO.black,
          barPercentage: 0.05,
          categoryPercentage: 1,
          grouped: false,
          order: 1,
        },
      ],
    },
    options: {
      responsive: o.responsive ?? true,
      maintainAspectRatio: false,
      animation: o.static ? false : undefined,
      plugins: {
        legend: { position: 'bottom', labels: { font } },
        tooltip: {
          enabled: !o.static,
          callbacks: {
            label: (ctx) => {
              const raw = ctx.raw as [number, number] | null;
              if (!raw) return '';
              if (ctx.datasetIndex === 1) {
                const step = ctx.dataIndex < steps.length ? steps[ctx.dataIndex] : total;
                return `${o.rangeLabel}: ${fmt(step?.p10 ?? 0)} – ${fmt(step?.p90 ?? 0)}`;
              }
              return `${o.valueLabel}: ${fmt(raw[1] - raw[0])}`;
            },
          },
        },
      },
      scales: {
        x: { ticks: { font }, grid: { display: false } },
        y: {
          beginAtZero: true,
          ticks: { callback: (v: number | string) => fmt(Number(v)), font },
          grid: { color: '#eceef2' },
        },
      },
    },
  };
}
