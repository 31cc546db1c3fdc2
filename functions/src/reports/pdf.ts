import PDFDocument from 'pdfkit';
import { translate, type MessageId } from '@cxl/shared/i18n/catalogue';
import type { MoneyRow, ReportModel } from '@cxl/shared/reports/model';
import type { RenderedChart } from './charts';
import { fontPath } from './fonts';

/**
 * The parsed CJK font, kept across documents: pdfkit accepts a parsed (fontkit) font in
 * `registerFont`, and parsing the 8 MB OpenType file is most of a PDF's cost. It is taken from the
 * first document that loaded it, so only pdfkit's own API is used.
 */
let parsedFont: unknown = null;

const TEXT = '#1d232b';
const MUTED = '#566070';
const RULE = '#dde2e8';
const TONE = { better: '#0a6b4f', worse: '#b23c00', flat: '#566070', unclear: '#566070' } as const;

/**
 * The report as an A4 PDF with the same content and charts as the email, in the CJK-capable font
 * (embedded as a subset, so 简体中文 prints on any reader).
 */
export function renderReportPdf(model: ReportModel, charts: RenderedChart[]): Promise<Buffer> {
  const t = (id: MessageId, p: Record<string, string | number> = {}) => translate(model.locale, id, p);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    // No standard (Helvetica) font: every text is set in the embedded CJK-capable font.
    font: null as unknown as string,
    info: { Title: model.title, Author: 'CX Ledger', Subject: model.subtitle },
    lang: model.locale,
    displayTitle: true,
  });
  doc.registerFont('body', (parsedFont ?? fontPath()) as string);
  doc.font('body');
  parsedFont ??= (doc as unknown as { _font: { font: unknown } })._font.font;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 96;
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - 60) doc.addPage();
  };
  /** A heading never ends a page: `need` is the height of what follows it (a chart: ~250). */
  const heading = (s: string, need = 60) => {
    ensure(need);
    doc.moveDown(0.8).font('body').fontSize(13).fillColor(TEXT).text(s, { width });
    const y = doc.y + 2;
    doc
      .moveTo(48, y)
      .lineTo(48 + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.moveDown(0.4);
  };
  const small = (s: string, colour = MUTED) =>
    doc.font('body').fontSize(8.5).fillColor(colour).text(s, { width });
  const chart = (cid: string) => {
    const c = charts.find((x) => x.cid === cid);
    if (!c) return;
    const w = Math.min(width, 420);
    const h = (c.height / c.width) * w;
    ensure(h + 10);
    doc.image(c.png, 48, doc.y, { width: w, height: h });
    doc.y += h + 6;
  };
  const money = (rows: MoneyRow[]) => {
    for (const r of rows) {
      ensure(30);
      const y = doc.y;
      doc
        .font('body')
        .fontSize(10)
        .fillColor(TEXT)
        .text(r.label, 48, y, { width: width - 120 });
      doc
        .font('body')
        .fontSize(11)
        .text(r.text, 48 + width - 110, y, { width: 110, align: 'right' });
      doc.x = 48;
      small(r.detail);
      doc.moveDown(0.3);
    }
  };

  doc.font('body').fontSize(9).fillColor(MUTED).text('CX LEDGER', { characterSpacing: 1 });
  doc.font('body').fontSize(18).fillColor(TEXT).text(model.title, { width });
  small(model.subtitle);

  heading(t('reports.section.summary'));
  for (const s of model.narrative)
    doc.font('body').fontSize(10.5).fillColor(TEXT).text(s, { width }).moveDown(0.3);

  heading(t('reports.section.headlines'));
  for (const h of model.headlines) {
    ensure(58);
    const y = doc.y;
    doc
      .font('body')
      .fontSize(10)
      .fillColor(TEXT)
      .text(h.label, 48, y, { width: width * 0.45 });
    doc
      .font('body')
      .fontSize(14)
      .fillColor(h.current.state === 'ok' ? TEXT : MUTED);
    doc.text(h.current.text, 48 + width * 0.45, y, { width: width * 0.2 });
    if (h.delta)
      doc
        .font('body')
        .fontSize(10)
        .fillColor(TONE[h.delta.tone])
        .text(`${h.delta.text} · ${t(`reports.tone.${h.delta.tone}` as MessageId)}`, 48 + width * 0.65, y, {
          width: width * 0.35,
          align: 'right',
        });
    doc.x = 48;
    doc.y = Math.max(doc.y, y + 18);
    small(
      [
        h.current.detail,
        `${t('reports.col.previous')}: ${h.previous.text}`,
        `${t('reports.col.target')}: ${h.target ?? t('reports.noTarget')}`,
        `${t('reports.col.benchmark')}: ${h.benchmark ?? t('reports.noBenchmark')}${h.benchmarkNote ? ` (${h.benchmarkNote})` : ''}`,
      ].join(' · '),
    );
    doc.moveDown(0.5);
  }

  if (charts.some((c) => c.cid === 'trend@cx-ledger')) {
    heading(t('reports.section.trend'), 260);
    chart('trend@cx-ledger');
  }
  if (model.ranking) {
    heading(`${t('reports.section.ranking')} · ${model.ranking.label}`, 260);
    chart('ranking@cx-ledger');
    for (const r of model.ranking.rows) {
      ensure(26);
      doc
        .font('body')
        .fontSize(10)
        .fillColor(TEXT)
        .text(`${r.rank === null ? '–' : `#${r.rank}`}  ${r.name}: ${r.figure.text}`, { width });
      small(r.figure.detail);
    }
    small(model.ranking.note);
  }

  heading(t('reports.section.cope'), model.cope.state === 'ok' ? 260 : 60);
  if (model.cope.state === 'ok') {
    chart('cope@cx-ledger');
    money([...model.cope.rows, ...(model.cope.total ? [model.cope.total] : [])]);
    small(model.cope.note);
  } else small(model.cope.state === 'pending' ? t('reports.pending') : t('reports.noDataDetail'));

  heading(t('reports.section.rar'));
  if (model.revenueAtRisk.state === 'ok') money([model.revenueAtRisk.total, model.revenueAtRisk.cx]);
  else small(model.revenueAtRisk.state === 'pending' ? t('reports.pending') : t('reports.noDataDetail'));

  heading(t('reports.section.initiatives'));
  if (model.initiatives.length === 0) small(t('reports.noInitiatives'));
  for (const i of model.initiatives) {
    ensure(40);
    doc.font('body').fontSize(10).fillColor(TEXT).text(`${i.name} · ${i.bu}`, { width });
    doc.font('body').fontSize(10).text(i.roi, { width });
    small([i.detail, i.evidence].filter(Boolean).join(' · '));
    doc.moveDown(0.3);
  }

  heading(t('reports.section.drivers'));
  model.drivers.forEach((d, i) => {
    ensure(36);
    doc
      .font('body')
      .fontSize(10)
      .fillColor(TEXT)
      .text(`${i + 1}. ${d.name} · ${d.quadrant}`, { width });
    small(`${d.share} · ${d.performance}`);
  });
  small(model.driversNote);

  heading(t('reports.section.touchpoints'));
  if (model.touchpoints.length === 0) small(t('reports.noTouchpoints'));
  for (const p of model.touchpoints) {
    ensure(30);
    doc.font('body').fontSize(10).fillColor(TEXT).text(`${p.name} (${p.score})`, { width });
    small(`${p.stage} · ${p.owner} · ${p.action}`);
  }

  doc.moveDown(1);
  ensure(40);
  doc
    .font('body')
    .fontSize(10)
    .fillColor('#0b5cad')
    .text(t('reports.openDashboard'), { width, link: model.dashboardUrl, underline: true });
  small(model.footer);
  doc.end();
  return done;
}
