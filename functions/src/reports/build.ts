import type { CadenceEvery, ReportFormat, ReportType } from '@cxl/shared/contracts/reports';
import { translate, type Locale, type MessageId } from '@cxl/shared/i18n/catalogue';
import { buildReport, reportPeriod, type ReportInput, type ReportModel } from '@cxl/shared/reports/model';
import { config } from '../config';
import { renderReportCharts, type RenderedChart } from './charts';
import { renderReportHtml, renderReportText } from './html';
import { renderReportPdf } from './pdf';
import { readReportInput } from './reader';

export interface ReportSpec {
  reportType: ReportType;
  bu: string;
  locale: Locale;
  every: CadenceEvery;
  format: ReportFormat;
  /** Set for real sends: adds the "why you receive this" line and the unsubscribe placeholder. */
  subscriptionName?: string;
}

export interface BuiltReport {
  model: ReportModel;
  charts: RenderedChart[];
  /** HTML with per-recipient placeholders (see html.ts). */
  html: string;
  text: string;
  pdf: Buffer | null;
  subject: string;
  pdfFileName: string;
}

/** Deep link into the dashboard view matching the report's scope and period. */
export function dashboardLink(bu: string, every: CadenceEvery, lastMonth: string | null): string {
  const base = (config.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const q = new URLSearchParams({ bu, grain: every === 'quarter' ? 'quarter' : 'month' });
  if (lastMonth) {
    const [y, m] = lastMonth.split('-').map(Number) as [number, number];
    const fromMonth = every === 'quarter' ? m - ((m - 1) % 3) : m;
    q.set('from', `${y - 1}-${String(fromMonth).padStart(2, '0')}`);
    q.set('to', lastMonth);
  }
  return `${base}/?${q.toString()}`;
}

/** Renders a report from an already-read input (pure apart from chart and PDF rendering). */
export async function renderReport(input: ReportInput, spec: ReportSpec): Promise<BuiltReport> {
  const model = buildReport(input);
  const charts = renderReportCharts(model, input.currency ?? 'USD');
  const wantsPdf = spec.format !== 'html';
  const html = renderReportHtml(model, charts, {
    ...(spec.subscriptionName ? { subscriptionName: spec.subscriptionName } : {}),
    pdfAttached: wantsPdf,
  });
  const pdf = wantsPdf ? await renderReportPdf(model, charts) : null;
  const t = (id: MessageId, p: Record<string, string | number>) => translate(spec.locale, id, p);
  const period = input.lastMonth ? reportPeriod(spec.every, input.lastMonth) : t('reports.noPeriod', {});
  return {
    model,
    charts,
    html,
    text: renderReportText(model),
    pdf,
    subject: t('reports.subject', {
      type: t(`reports.type.${spec.reportType}` as MessageId, {}),
      bu: model.buName,
      period,
    }),
    pdfFileName: `cx-ledger-${spec.reportType}-${spec.bu.toLowerCase()}-${period}.pdf`,
  };
}

/** Reads the views and renders one report. */
export async function buildReportContent(spec: ReportSpec, now = new Date()): Promise<BuiltReport> {
  const meta = await readReportInput({
    reportType: spec.reportType,
    bu: spec.bu,
    locale: spec.locale,
    every: spec.every,
    dashboardUrl: '',
    now,
  });
  meta.dashboardUrl = dashboardLink(spec.bu, spec.every, meta.lastMonth);
  return renderReport(meta, spec);
}
