import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Filler,
  Tooltip,
  Legend,
);
// The same system font stack as the page (no web fonts are downloaded).
Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif';
Chart.defaults.font.size = 12;

/** Copies `next` into the live chart, keeping dataset objects so chart.js animates between states. */
function applyConfig(chart: Chart, next: ChartConfiguration): void {
  chart.data.labels = next.data.labels ?? [];
  const current = chart.data.datasets;
  next.data.datasets.forEach((dataset, i) => {
    const existing = current[i];
    if (existing) Object.assign(existing, dataset);
    else current.push(dataset);
  });
  current.length = next.data.datasets.length;
  if (next.options) chart.options = next.options;
  chart.update();
}

/**
 * The single chart.js integration point: an attachment for a `<canvas>` that creates the chart on
 * mount, updates it in place whenever the configuration returned by `config` changes (it is read in
 * a nested effect, so the attachment itself never re-runs), and destroys it on unmount.
 *
 * ```svelte
 * <canvas {@attach chart(() => config)}></canvas>
 * ```
 */
export function chart<T extends ChartType>(
  config: () => ChartConfiguration<T>,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let instance: Chart | undefined;
    $effect(() => {
      const next = config() as unknown as ChartConfiguration;
      if (instance) applyConfig(instance, next);
      else instance = new Chart(canvas, next);
    });
    return () => {
      instance?.destroy();
      instance = undefined;
    };
  };
}
