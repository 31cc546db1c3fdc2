import type { ChartConfiguration, ScriptableLineSegmentContext, TooltipItem } from 'chart.js';
import { OKABE_ITO, withAlpha } from './palette';

/** One period of a metric: its label, estimate and 95% interval (null = no value, drawn as a gap). */
export interface IntervalPoint {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
  /** Provisional values are drawn hollow and joined with a dashed segment. */
  provisional?: boolean;
}

export interface IntervalLineOptions {
  /** Series name for the legend and tooltips, e.g. "NPS". */
  label: string;
  /** Legend label of the band, e.g. "95% interval". */
  intervalLabel: string;
  /** Line colour (`#RRGGBB`); the band uses it at low opacity. */
  colour?: string;
  /** Formats axis ticks and tooltip values, e.g. `24` → "24", `1.5` → "1.5%". */
  formatValue?: (value: number) => string;
  /** Sparkline mode: no axes, legend, tooltips or animation. */
  compact?: boolean;
  /** Shown under the value in the tooltip, e.g. "95% CI 17–32", per point index. */
  tooltipDetail?: (index: number) => string | undefined;
}

export type IntervalLineConfig = ChartConfiguration<'line', (number | null)[], string>;

/** True when point `i` has a value but neither neighbour does, so a line alone would not show it. */
function isolated(values: readonly (number | null)[], i: number): boolean {
  return values[i] !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null;
}

/**
 * A chart.js line configuration for one metric with its interval drawn as a filled band between
 * `low` and `high`. Nulls stay null (chart.js draws a gap, never a zero). Datasets: 0 = value,
 * 1 = high (filled down to dataset 2), 2 = low. An empty `points` array gives an empty chart.
 */
export function intervalLineConfig(
  points: readonly IntervalPoint[],
  options: IntervalLineOptions,
): IntervalLineConfig {
  const colour = options.colour ?? OKABE_ITO.blue;
  const compact = options.compact ?? false;
  const format = options.formatValue ?? ((v: number) => String(v));
  const values = points.map((p) => p.value);
  const last = values.length - 1;
  const provisional = points.map((p) => p.provisional ?? false);

  const radius = values.map((v, i) => {
    if (v === null) return 0;
    if (compact) return i === last || isolated(values, i) ? 2.5 : 0;
    return 3;
  });

  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: options.label,
          data: values,
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: compact ? 1.5 : 2,
          pointRadius: radius,
          pointHoverRadius: compact ? 0 : 5,
          pointBackgroundColor: provisional.map((p) => (p ? '#ffffff' : colour)),
          pointBorderColor: colour,
          pointBorderWidth: 1.5,
          spanGaps: false,
          tension: 0,
          fill: false,
          order: 0,
          segment: {
            borderDash: (ctx: ScriptableLineSegmentContext) =>
              provisional[ctx.p1DataIndex] ? [4, 3] : undefined,
          },
        },
        {
          label: options.intervalLabel,
          data: points.map((p) => p.high),
          borderWidth: 0,
          pointRadius: 0,
          pointHoverRadius: 0,
          backgroundColor: withAlpha(colour, compact ? 0.14 : 0.18),
          borderColor: 'transparent',
          spanGaps: false,
          fill: '+1',
          order: 1,
        },
        {
          label: `${options.intervalLabel} (low)`,
          data: points.map((p) => p.low),
          borderWidth: 0,
          pointRadius: 0,
          pointHoverRadius: 0,
          backgroundColor: 'transparent',
          borderColor: 'transparent',
          spanGaps: false,
          fill: false,
          order: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: compact ? false : { duration: 250 },
      // Only values move on update; points appearing from a gap would otherwise fly in from x = 0.
      animations: { x: { duration: 0 } },
      interaction: { mode: 'index', intersect: false },
      layout: { padding: compact ? 3 : 4 },
      events: compact ? [] : ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
      scales: {
        x: {
          display: !compact,
          // A single period sits in the middle rather than on the left edge.
          offset: points.length === 1,
          grid: { display: false },
          ticks: { autoSkip: true, maxRotation: 0, color: '#5b6470' },
          border: { color: '#c9ced6' },
        },
        y: {
          display: !compact,
          grace: '5%',
          grid: { color: '#eceef2' },
          border: { display: false },
          ticks: {
            color: '#5b6470',
            callback: (v) => (typeof v === 'number' ? format(v) : v),
            maxTicksLimit: 6,
          },
        },
      },
      plugins: {
        legend: {
          display: !compact,
          position: 'bottom',
          align: 'start',
          labels: {
            boxWidth: 14,
            boxHeight: 8,
            color: '#343a44',
            filter: (item) => item.datasetIndex !== 2,
          },
        },
        tooltip: {
          enabled: !compact,
          filter: (item: TooltipItem<'line'>) => item.datasetIndex === 0,
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              item.parsed.y === null ? `${options.label}: —` : `${options.label}: ${format(item.parsed.y)}`,
            afterLabel: (item: TooltipItem<'line'>) => options.tooltipDetail?.(item.dataIndex) ?? '',
          },
        },
      },
    },
  };
}
