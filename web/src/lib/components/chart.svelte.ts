import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ActiveElement,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  LinearScale,
  CategoryScale,
  Filler,
  Tooltip,
  Legend,
);
Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif';
Chart.defaults.font.size = 12;

/** Paints a white background so an exported PNG is not transparent (dark viewers, slides). */
const whiteBackground: Plugin = {
  id: 'cxlWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** The chart element a user clicked: dataset and index into `data.labels`. */
export interface ChartElementRef {
  datasetIndex: number;
  index: number;
}

function apply(chart: Chart, next: ChartConfiguration): void {
  chart.data.labels = next.data.labels ?? [];
  const current = chart.data.datasets;
  next.data.datasets.forEach((dataset, i) => {
    const existing = current[i];
    if (existing) Object.assign(existing, dataset);
    else current.push(dataset);
  });
  current.length = next.data.datasets.length;
  if (next.options) chart.options = withClick(next.options, chart.$cxlClick) ?? {};
  chart.update();
}

declare module 'chart.js' {
  interface Chart {
    $cxlClick?: (el: ChartElementRef) => void;
  }
}

function withClick(
  options: ChartConfiguration['options'],
  onpick: ((el: ChartElementRef) => void) | undefined,
): ChartConfiguration['options'] {
  if (!onpick) return options;
  return {
    ...options,
    onClick: (_e: unknown, elements: ActiveElement[]) => {
      const first = elements[0];
      if (first) onpick({ datasetIndex: first.datasetIndex, index: first.index });
    },
    onHover: (e: { native: Event | null }, elements: ActiveElement[]) => {
      const target = e.native?.target as HTMLElement | null;
      if (target) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
    },
  };
}

/**
 * A chart.js chart on a `<canvas>`: created once on mount, updated in place when the configuration
 * changes (nested effect, the attachment itself never re-runs), destroyed on unmount. `onpick`
 * receives the clicked element; `onready` the instance (PNG export).
 */
export function chartOf(
  config: () => ChartConfiguration,
  onpick?: (el: ChartElementRef) => void,
  onready?: (chart: Chart | undefined) => void,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let instance: Chart | undefined;
    $effect(() => {
      const next = config();
      if (instance) apply(instance, next);
      else {
        instance = new Chart(canvas, {
          ...next,
          options: withClick(next.options, onpick),
          plugins: [...(next.plugins ?? []), whiteBackground],
        });
        instance.$cxlClick = onpick;
        // Browser tests read the live chart (labels, data) through the canvas.
        (canvas as HTMLCanvasElement & { cxlChart?: Chart }).cxlChart = instance;
        onready?.(instance);
      }
    });
    return () => {
      instance?.destroy();
      instance = undefined;
      onready?.(undefined);
    };
  };
}
