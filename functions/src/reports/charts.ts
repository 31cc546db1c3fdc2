import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { intervalLineConfig } from '@cxl/shared/charts/interval-line';
import { OKABE_ITO } from '@cxl/shared/charts/palette';
import { rangeBarConfig } from '@cxl/shared/charts/range-bar';
import { translate, type MessageId } from '@cxl/shared/i18n/catalogue';
import { ReportFormat, type ReportModel } from '@cxl/shared/reports/model';
import { FONT_FAMILY, fontPath } from './fonts';

Chart.register(...registerables);

let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  GlobalFonts.registerFromPath(fontPath(), FONT_FAMILY);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 16;
  Chart.defaults.color = '#343a44';
  fontsReady = true;
}

/** One rendered chart: PNG bytes, its content id for the email and its alt text. */
export interface RenderedChart {
  cid: string;
  alt: string;
  png: Buffer;
  width: number;
  height: number;
}

/** CSS-pixel width charts are drawn for (fits a phone at 2× density and a 600 px email column). */
export const CHART_WIDTH = 520;
const SCALE = 2;

/**
 * Renders a chart.js configuration to PNG with @napi-rs/canvas at 2× density, on a white background
 * (email clients in dark mode keep the image as drawn, so it stays readable).
 */
export function renderChartPng(config: ChartConfiguration, width: number, height: number): Buffer {
  ensureFonts();
  const canvas = createCanvas(width * SCALE, height * SCALE);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width * SCALE, height * SCALE);
  const cfg = {
    ...config,
    options: {
      ...config.options,
      responsive: false,
      animation: false,
      devicePixelRatio: SCALE,
      events: [],
    },
  } as ChartConfiguration;
  // chart.js sizes itself from the canvas; @napi-rs/canvas implements the 2D context it draws on.
  // The browser-test program compiles this file with the DOM library, where chart.js asks for a DOM context.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], cfg);
  chart.resize(width, height);
  chart.draw();
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

/** The charts of a report: NPS trend with its interval, BU ranking, CoPE components (when present). */
export function renderReportCharts(model: ReportModel, currency: string): RenderedChart[] {
  const t = (id: MessageId, p: Record<string, string | number> = {}) => translate(model.locale, id, p);
  const fmt = new ReportFormat(model.locale, currency);
  const out: RenderedChart[] = [];
  if (model.trend && model.trend.points.some((p) => p.value !== null)) {
    const last = [...model.trend.points].reverse().find((p) => p.value !== null);
    const cfg = intervalLineConfig(model.trend.points, {
      label: model.trend.label,
      intervalLabel: t('reports.chart.interval'),
      colour: OKABE_ITO.blue,
      formatValue: (v) => fmt.number(v, 0),
    });
    const height = 260;
    out.push({
      cid: 'trend@cx-ledger',
      alt: t('reports.chartAlt.trend', {
        metric: model.trend.label,
        bu: model.buName,
        value: last?.value !== null && last?.value !== undefined ? fmt.value(last.value, 'points', 0) : '—',
      }),
      png: renderChartPng(cfg, CHART_WIDTH, height),
      width: CHART_WIDTH,
      height,
    });
  }
  if (model.ranking && model.ranking.rows.some((r) => r.figure.state === 'ok')) {
    const rows = model.ranking.rows.map((r) => ({
      label: r.name,
      mid: r.figure.value,
      low: r.figure.low,
      high: r.figure.high,
    }));
    const height = 84 + rows.length * 48;
    const cfg = rangeBarConfig(rows, {
      rangeLabel: t('reports.chart.interval'),
      midLabel: model.ranking.label,
      colour: OKABE_ITO.blue,
      formatValue: (v) => fmt.number(v, 0),
      fontFamily: FONT_FAMILY,
    });
    out.push({
      cid: 'ranking@cx-ledger',
      alt: t('reports.chartAlt.ranking', { metric: model.ranking.label }),
      png: renderChartPng(cfg, CHART_WIDTH, height),
      width: CHART_WIDTH,
      height,
    });
  }
  const copeRows = model.cope.rows.filter((r) => r.range);
  if (copeRows.length > 0) {
    const rows = copeRows.map((r) => ({
      label: r.label,
      mid: r.range?.p50 ?? null,
      low: r.range?.p10 ?? null,
      high: r.range?.p90 ?? null,
    }));
    const height = 84 + rows.length * 48;
    const cfg = rangeBarConfig(rows, {
      rangeLabel: t('reports.chart.range'),
      midLabel: t('reports.chart.median'),
      colour: OKABE_ITO.vermillion,
      formatValue: (v) => fmt.money(v),
      beginAtZero: true,
      fontFamily: FONT_FAMILY,
    });
    out.push({
      cid: 'cope@cx-ledger',
      alt: t('reports.chartAlt.cope'),
      png: renderChartPng(cfg, CHART_WIDTH, height),
      width: CHART_WIDTH,
      height,
    });
  }
  return out;
}
