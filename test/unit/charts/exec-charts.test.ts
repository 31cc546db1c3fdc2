import { describe, expect, it } from 'vitest';
import { barsWithRangeConfig } from '../../../shared/src/charts/bars-with-range';
import { quadrantConfig } from '../../../shared/src/charts/quadrant';
import { segmentLinesConfig } from '../../../shared/src/charts/segment-lines';
import { waterfallConfig } from '../../../shared/src/charts/waterfall';

describe('executive chart builders (shared by the web and the email renderer)', () => {
  it('bridges components to the total with each range offset by the running total', () => {
    const cfg = waterfallConfig(
      [
        { label: 'churn', value: 60, p10: 50, p90: 70 },
        { label: 'contraction', value: 7, p10: 4, p90: 10 },
        { label: 'credits', value: -2 },
      ],
      { label: 'total', value: 65, p10: 55, p90: 76 },
      { totalLabel: 'Total', valueLabel: 'Amount', rangeLabel: 'P10–P90' },
    );
    expect(cfg.data.labels).toEqual(['churn', 'contraction', 'credits', 'Total']);
    expect(cfg.data.datasets[0]?.data).toEqual([
      [0, 60],
      [60, 67],
      [67, 65],
      [0, 65],
    ]);
    expect(cfg.data.datasets[1]?.data).toEqual([[50, 70], [64, 70], null, [55, 76]]);
  });

  it('draws no bar and no range for a missing value (no data is not zero)', () => {
    const cfg = barsWithRangeConfig(
      [
        { label: 'A', value: 10, low: 8, high: 12 },
        { label: 'B', value: null, low: 1, high: 2 },
        { label: 'C', value: 5 },
      ],
      { valueLabel: 'v', rangeLabel: 'r', colourPerBar: true, responsive: false },
    );
    expect(cfg.data.datasets[0]?.data).toEqual([10, null, 5]);
    expect(cfg.data.datasets[1]?.data).toEqual([[8, 12], null, null]);
    expect(cfg.options?.responsive).toBe(false);
    const colours = cfg.data.datasets[0]?.borderColor as string[];
    expect(new Set(colours).size).toBe(3);
  });

  it('splits drivers into quadrant datasets with the medians as reference lines', () => {
    const cfg = quadrantConfig(
      [
        { label: 'speed', importance: 0.4, performance: 0.2, quadrant: 'fix-first' },
        { label: 'price', importance: 0.1, performance: 0.6, quadrant: 'possible-overkill' },
        { label: 'web', importance: 0.2, performance: 0.4, quadrant: 'possible-overkill' },
      ],
      {
        xLabel: 'importance',
        yLabel: 'performance',
        quadrantLabels: {
          'fix-first': 'Fix',
          'keep-up': 'Keep',
          'possible-overkill': 'Over',
          'low-priority': 'Low',
        },
      },
    );
    expect(cfg.data.datasets.map((d) => d.label)).toEqual(['Fix', 'Keep', 'Over', 'Low', '', '']);
    expect(cfg.data.datasets[0]?.data).toEqual([{ x: 0.4, y: 0.2 }]);
    expect(cfg.data.datasets[2]?.data).toHaveLength(2);
    expect(cfg.data.datasets[4]?.data.every((p) => p.x === 0.2)).toBe(true); // median importance
    expect(cfg.data.datasets[5]?.data.every((p) => p.y === 0.4)).toBe(true); // median performance
  });

  it('gives each series a line and a band that stops at a missing point', () => {
    const cfg = segmentLinesConfig(
      ['3', '6', '12'],
      [
        {
          label: 'P',
          points: [
            { value: 0.04, low: 0.03, high: 0.05 },
            { value: null },
            { value: 0.15, low: 0.14, high: 0.17 },
          ],
        },
      ],
    );
    expect(cfg.data.datasets).toHaveLength(3);
    expect(cfg.data.datasets[0]?.data).toEqual([0.04, null, 0.15]);
    expect(cfg.data.datasets[1]?.data).toEqual([0.03, null, 0.14]);
    expect(cfg.data.datasets[2]?.data).toEqual([0.05, null, 0.17]);
  });
});
