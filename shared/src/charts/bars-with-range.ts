import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO, SERIES_COLOURS, withAlpha } from './palette';

/** One bar: its value and optional interval (P10–P90 or 95 % CI); a null value draws nothing (no data). */
export interface RangedBar {
  label: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
}

export interface BarsWithRangeOptions {
  valueLabel: string;
  rangeLabel: string;
  formatValue?: (v: number) => string;
  /** One colour per bar (colour-blind-safe palette order) instead of one for all. */
  colourPerBar?: boolean;
  colour?: string;
  horizontal?: boolean;
  fontFamily?: string;
  /** A static image (print, email): no animation, no tooltips. */
  static?: boolean;
  /** false for server-side rendering on a fixed-size canvas (@napi-rs/canvas); default true. */
  responsive?: boolean;
}

export type BarsWithRangeConfig = ChartConfiguration<'bar', (number | null | [number, number])[], string>;

/**
 * Bars with their interval drawn over them as a thin dark bar from low to high (dataset 1), so a
 * reader sees the uncertainty next to the value. Pure: the web chart card and the server-side email
 * renderer (@napi-rs/canvas) build the same configuration.
 */
export function barsWithRangeConfig(
  rows: readonly RangedBar[],
  o: BarsWithRangeOptions,
): BarsWithRangeConfig {
  const fmt = o.formatValue ?? ((v: number) => String(v));
  const colours = rows.map((_, i) =>
    o.colourPerBar
      ? (SERIES_COLOURS[i % SERIES_COLOURS.length] ?? OKABE_ITO.blue)
      : (o.colour ?? OKABE_ITO.blue),
  );
  const font = o.fontFamily ? { family: o.fontFamily } : {};
  const valueAxis = {
    beginAtZero: true,
    ticks: { callback: (v: number | string) => fmt(Number(v)), font },
    grid: { color: '#eceef2' },
  };
  const categoryAxis = { ticks: { font }, grid: { display: false } };
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        {
          label: o.valueLabel,
          data: rows.map((r) => r.value),
          backgroundColor: colours.map((c) => withAlpha(c, 0.75)),
          borderColor: colours,
          borderWidth: 1,
          order: 2,
        },
        {
          label: o.rangeLabel,
          data: rows.map((r) =>
            r.value !== null &&
            r.low !== null &&
            r.low !== undefined &&
            r.high !== null &&
            r.high !== undefined
              ? ([r.low, r.high] as [number, number])
              : null,
          ),
          backgroundColor: OKABE_ITO.black,
          barPercentage: 0.05,
          categoryPercentage: 1,
          grouped: false,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: o.horizontal ? 'y' : 'x',
      responsive: o.responsive ?? true,
      maintainAspectRatio: false,
      animation: o.static ? false : undefined,
      plugins: {
        legend: { position: 'bottom', labels: { font } },
        tooltip: {
          enabled: !o.static,
          callbacks: {
            label: (ctx) => {
              const raw = ctx.raw as number | [number, number] | null;
              if (Array.isArray(raw)) return `${o.rangeLabel}: ${fmt(raw[0])} – ${fmt(raw[1])}`;
              return raw === null ? '' : `${o.valueLabel}: ${fmt(raw)}`;
            },
          },
        },
      },
      scales: o.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
  };
}
