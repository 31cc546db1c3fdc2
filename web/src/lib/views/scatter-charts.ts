import type { ChartConfiguration, Plugin } from 'chart.js';
import { SERIES_COLOURS, withAlpha } from '@cxl/shared/charts/palette';

/** A point of a labelled scatter: its name (shown in tooltips only, drawn by canvas as text). */
export interface ScatterPoint {
  name: string;
  x: number;
  y: number;
  /** Bubble radius in px. */
  r: number;
}

export interface QuadrantScatterOptions {
  /** Series (legend) names in order, one per group. */
  groups: { label: string; points: ScatterPoint[] }[];
  xLabel: string;
  yLabel: string;
  min: number;
  max: number;
  split: number;
  /** Quadrant names: [top-left, top-right, bottom-left, bottom-right]. */
  quadrants: [string, string, string, string];
  /** Formats a tooltip line for a point. */
  tooltip: (p: ScatterPoint) => string;
  /** Axis tick format. */
  tick?: (v: number) => string;
}

/** Split lines and quadrant names drawn under the points (no datasets, so the legend stays clean). */
function quadrantPlugin(split: number, names: [string, string, string, string]): Plugin<'scatter'> {
  return {
    id: 'cxlQuadrants',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales } = chart;
      const x = scales.x;
      const y = scales.y;
      if (!x || !y) return;
      const sx = x.getPixelForValue(split);
      const sy = y.getPixelForValue(split);
      ctx.save();
      ctx.strokeStyle = '#7b8490';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(sx, a.top);
      ctx.lineTo(sx, a.bottom);
      ctx.moveTo(a.left, sy);
      ctx.lineTo(a.right, sy);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#5b6470';
      ctx.font = '600 12px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(names[0], a.left + 6, a.top + 6);
      ctx.textAlign = 'right';
      ctx.fillText(names[1], a.right - 6, a.top + 6);
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'left';
      ctx.fillText(names[2], a.left + 6, a.bottom - 6);
      ctx.textAlign = 'right';
      ctx.fillText(names[3], a.right - 6, a.bottom - 6);
      ctx.restore();
    },
  };
}

/**
 * A scatter with one colour per group (Okabe–Ito), bubble radius per point, a fixed square domain
 * and dashed split lines with quadrant names — the touchpoint efficiency matrix and the Kano plot.
 */
export function quadrantScatterConfig(o: QuadrantScatterOptions): ChartConfiguration<'scatter'> {
  const tick = o.tick ?? ((v: number) => String(v));
  return {
    type: 'scatter',
    data: {
      datasets: o.groups.map((g, i) => {
        const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#0072B2';
        return {
          label: g.label,
          data: g.points.map((p) => ({ x: p.x, y: p.y })),
          pointRadius: g.points.map((p) => p.r),
          pointHoverRadius: g.points.map((p) => p.r + 2),
          backgroundColor: withAlpha(colour, 0.55),
          borderColor: colour,
          borderWidth: 1.5,
        };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          type: 'linear',
          min: o.min,
          max: o.max,
          title: { display: true, text: o.xLabel },
          ticks: { callback: (v) => tick(Number(v)) },
        },
        y: {
          type: 'linear',
          min: o.min,
          max: o.max,
          title: { display: true, text: o.yLabel },
          ticks: { callback: (v) => tick(Number(v)) },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = o.groups[item.datasetIndex]?.points[item.dataIndex];
              return p ? o.tooltip(p) : '';
            },
          },
        },
      },
    },
    plugins: [quadrantPlugin(o.split, o.quadrants)],
  };
}
