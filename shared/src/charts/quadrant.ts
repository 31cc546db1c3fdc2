import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO } from './palette';

/** A driver on the importance × performance map. */
export interface QuadrantPoint {
  label: string;
  importance: number;
  performance: number;
  quadrant: string;
}

export interface QuadrantOptions {
  xLabel: string;
  yLabel: string;
  /** Legend text per quadrant id (fix-first, keep-up, possible-overkill, low-priority). */
  quadrantLabels: Record<string, string>;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  fontFamily?: string;
  /** A static image (print, email): no animation, no tooltips. */
  static?: boolean;
  /** false for server-side rendering on a fixed-size canvas (@napi-rs/canvas); default true. */
  responsive?: boolean;
}

const QUADRANT_COLOURS: Record<string, string> = {
  'fix-first': OKABE_ITO.vermillion,
  'keep-up': OKABE_ITO.blue,
  'possible-overkill': OKABE_ITO.orange,
  'low-priority': OKABE_ITO.green,
};
const QUADRANT_SHAPES: Record<string, string> = {
  'fix-first': 'triangle',
  'keep-up': 'circle',
  'possible-overkill': 'rect',
  'low-priority': 'rectRot',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export type QuadrantConfig = ChartConfiguration<'scatter', { x: number; y: number }[], string>;

/**
 * Importance (x, e.g. LMG share) × performance (y, e.g. share of top-box ratings) scatter with one
 * dataset per quadrant (colour AND marker shape differ, so it reads without colour) and the medians
 * as dashed reference lines (datasets after the quadrants). `pointsOf(datasetIndex)` maps a click back.
 */
export function quadrantConfig(points: readonly QuadrantPoint[], o: QuadrantOptions): QuadrantConfig {
  const font = o.fontFamily ? { family: o.fontFamily } : {};
  const fx = o.formatX ?? ((v: number) => String(v));
  const fy = o.formatY ?? ((v: number) => String(v));
  const ids = Object.keys(o.quadrantLabels);
  const mx = median(points.map((p) => p.importance));
  const my = median(points.map((p) => p.performance));
  const xs = points.map((p) => p.importance);
  const ys = points.map((p) => p.performance);
  const [x0, x1] = [Math.min(0, ...xs), Math.max(...xs, 0) * 1.1 || 1];
  const [y0, y1] = [Math.min(...ys, my) * 0.9, Math.max(...ys, my) * 1.1 || 1];
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...ids.map((id) => ({
          label: o.quadrantLabels[id] ?? id,
          data: points.filter((p) => p.quadrant === id).map((p) => ({ x: p.importance, y: p.performance })),
          backgroundColor: QUADRANT_COLOURS[id] ?? OKABE_ITO.black,
          borderColor: QUADRANT_COLOURS[id] ?? OKABE_ITO.black,
          pointStyle: QUADRANT_SHAPES[id] ?? 'circle',
          pointRadius: 7,
          pointHoverRadius: 9,
        })),
        {
          label: '',
          data: [
            { x: mx, y: y0 },
            { x: mx, y: y1 },
          ],
          showLine: true,
          borderDash: [5, 4],
          borderColor: '#7b8490',
          borderWidth: 1,
          pointRadius: 0,
        },
        {
          label: '',
          data: [
            { x: x0, y: my },
            { x: x1, y: my },
          ],
          showLine: true,
          borderDash: [5, 4],
          borderColor: '#7b8490',
          borderWidth: 1,
          pointRadius: 0,
        },
      ],
    },
    options: {
      responsive: o.responsive ?? true,
      maintainAspectRatio: false,
      animation: o.static ? false : undefined,
      plugins: {
        legend: {
          position: 'bottom',
          labels: { font, usePointStyle: true, filter: (item) => item.text !== '' },
        },
        tooltip: {
          enabled: !o.static,
          filter: (item) => item.datasetIndex < ids.length,
          callbacks: {
            label: (ctx) => {
              const id = ids[ctx.datasetIndex] ?? '';
              const p = points.filter((q) => q.quadrant === id)[ctx.dataIndex];
              return p ? `${p.label}: ${o.xLabel} ${fx(p.importance)}, ${o.yLabel} ${fy(p.performance)}` : '';
            },
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: x0,
          max: x1,
          title: { display: true, text: o.xLabel, font },
          ticks: { callback: (v: number | string) => fx(Number(v)), font },
        },
        y: {
          type: 'linear',
          min: y0,
          max: y1,
          title: { display: true, text: o.yLabel, font },
          ticks: { callback: (v: number | string) => fy(Number(v)), font },
        },
      },
    },
  };
}
