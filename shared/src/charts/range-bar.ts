import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO, withAlpha } from './palette';

/** One row of a range chart: a category with its central value and its interval (nulls = no data). */
export interface RangeRow {
  label: string;
  mid: number | null;
  low: number | null;
  high: number | null;
}

export interface RangeBarOptions {
  /** Legend label of the interval bar, e.g. "95% interval" or "P10–P90". */
  rangeLabel: string;
  /** Legend label of the central marker, e.g. "NPS" or "P50". */
  midLabel: string;
  colour?: string;
  formatValue?: (v: number) => string;
  /** Start the value axis at zero (money); off for scores that may be negative (NPS). */
  beginAtZero?: boolean;
  /** Font family for every text (server-side rendering registers a CJK-capable font). */
  fontFamily?: string;
}

export type RangeBarConfig = ChartConfiguration<'bar' | 'line', (number | null | [number, number])[], string>;

/**
 * Horizontal interval chart: each category is a floating bar from `low` to `high` with a marker at
 * `mid` (BU ranking with 95% intervals; money components with P10–P90 and P50). Rows with a null
 * interval draw no bar (never a zero-length bar that reads as 0). Dataset 0 = range, 1 = marker.
 * An empty `rows` array gives an empty chart.
 */
export function rangeBarConfig(rows: readonly RangeRow[], options: RangeBarOptions): RangeBarConfig {
  const colour = options.colour ?? OKABE_ITO.blue;
  const format = options.formatValue ?? ((v: number) => String(v));
  const font = options.fontFamily ? { family: options.fontFamily } : {};
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        {
          type: 'bar',
          label: options.rangeLabel,
          data: rows.map((r): [number, number] | null =>
            r.low !== null && r.high !== null ? [r.low, r.high] : null,
          ),
          backgroundColor: withAlpha(colour, 0.28),
          borderColor: colour,
          borderWidth: 1,
          borderSkipped: false,
          barPercentage: 0.55,
          categoryPercentage: 0.9,
          order: 1,
        },
        {
          type: 'line',
          label: options.midLabel,
          data: rows.map((r) => r.mid),
          showLine: false,
          pointStyle: 'rectRot',
          pointRadius: 6,
          pointBackgroundColor: colour,
          pointBorderColor: '#ffffff',
          pointBorderWidth: 1.5,
          borderColor: colour,
          backgroundColor: colour,
          order: 0,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: false,
      animation: false,
      layout: { padding: 6 },
      scales: {
        x: {
          beginAtZero: options.beginAtZero ?? false,
          grace: '5%',
          grid: { color: '#e3e6eb' },
          border: { display: false },
          ticks: {
            color: '#4a5260',
            font,
            maxTicksLimit: 6,
            callback: (v) => (typeof v === 'number' ? format(v) : v),
          },
        },
        y: {
          grid: { display: false },
          border: { color: '#c9ced6' },
          ticks: { color: '#202630', font: { ...font, size: 17 } },
        },
      },
      plugins: {
        legend: {
          position: 'bottom',
          align: 'start',
          labels: { color: '#343a44', boxWidth: 14, boxHeight: 8, font },
        },
        tooltip: { enabled: false },
      },
    },
  };
}
