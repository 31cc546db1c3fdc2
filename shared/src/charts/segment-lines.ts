import type { ChartConfiguration } from 'chart.js';
import { SERIES_COLOURS, withAlpha } from './palette';

/** One series (e.g. an NPS segment) over categories (e.g. 3, 6, 12 months after the survey). */
export interface LineSeries {
  label: string;
  points: { value: number | null; low?: number | null; high?: number | null }[];
}

export interface SegmentLinesOptions {
  formatValue?: (v: number) => string;
  yLabel?: string;
  fontFamily?: string;
  /** A static image (print, email): no animation, no tooltips. */
  static?: boolean;
  /** false for server-side rendering on a fixed-size canvas (@napi-rs/canvas); default true. */
  responsive?: boolean;
}

export type SegmentLinesConfig = ChartConfiguration<'line', (number | null)[], string>;

const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

/**
 * One line per series (colour AND dash pattern differ), each with its interval as a shaded band
 * (two invisible bound lines filled between). Missing values break the line (no data, never 0).
 * Dataset 3·s is series s; 3·s+1 and 3·s+2 its bounds.
 */
export function segmentLinesConfig(
  labels: readonly string[],
  series: readonly LineSeries[],
  o: SegmentLinesOptions = {},
): SegmentLinesConfig {
  const fmt = o.formatValue ?? ((v: number) => String(v));
  const font = o.fontFamily ? { family: o.fontFamily } : {};
  return {
    type: 'line',
    data: {
      labels: [...labels],
      datasets: series.flatMap((s, i) => {
        const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000000';
        return [
          {
            label: s.label,
            data: s.points.map((p) => p.value),
            borderColor: colour,
            backgroundColor: colour,
            borderDash: DASHES[i % DASHES.length],
            borderWidth: 2,
            pointRadius: 4,
            spanGaps: false,
          },
          {
            label: '',
            data: s.points.map((p) => (p.value === null ? null : (p.low ?? null))),
            borderWidth: 0,
            pointRadius: 0,
            fill: false,
          },
          {
            label: '',
            data: s.points.map((p) => (p.value === null ? null : (p.high ?? null))),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: withAlpha(colour, 0.12),
            fill: '-1',
          },
        ];
      }),
    },
    options: {
      responsive: o.responsive ?? true,
      maintainAspectRatio: false,
      animation: o.static ? false : undefined,
      interaction: { mode: 'nearest', intersect: true },
      plugins: {
        legend: { position: 'bottom', labels: { font, filter: (item) => item.text !== '' } },
        tooltip: {
          enabled: !o.static,
          filter: (item) => item.datasetIndex % 3 === 0,
          callbacks: {
            label: (ctx) => {
              const s = series[Math.floor(ctx.datasetIndex / 3)];
              const p = s?.points[ctx.dataIndex];
              if (!s || !p || p.value === null) return '';
              const band =
                p.low !== null && p.low !== undefined && p.high !== null && p.high !== undefined
                  ? ` (${fmt(p.low)} – ${fmt(p.high)})`
                  : '';
              return `${s.label}: ${fmt(p.value)}${band}`;
            },
          },
        },
      },
      scales: {
        x: { ticks: { font }, grid: { display: false } },
        y: {
          beginAtZero: true,
          title: o.yLabel ? { display: true, text: o.yLabel, font } : undefined,
          ticks: { callback: (v: number | string) => fmt(Number(v)), font },
          grid: { color: '#eceef2' },
        },
      },
    },
  };
}
