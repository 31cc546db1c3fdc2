import { translate, type MessageId } from '@cxl/shared/i18n/catalogue';
import type { Figure, Headline, MoneyRow, ReportModel } from '@cxl/shared/reports/model';
import type { RenderedChart } from './charts';

/** Placeholders filled per recipient (the unsubscribe link and the address). */
export const UNSUBSCRIBE_PLACEHOLDER = '%%UNSUBSCRIBE_URL%%';
export const RECIPIENT_PLACEHOLDER = '%%RECIPIENT%%';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const C = {
  page: '#eef1f5',
  card: '#ffffff',
  text: '#1d232b',
  muted: '#566070',
  rule: '#dde2e8',
  accent: '#0b5cad',
  better: '#0a6b4f',
  worse: '#b23c00',
  neutral: '#566070',
};
const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans SC',sans-serif";

const TONE_COLOUR = { better: C.better, worse: C.worse, flat: C.neutral, unclear: C.neutral } as const;
const TONE_ARROW = { better: '▲', worse: '▼', flat: '■', unclear: '◆' } as const;

function section(title: string, body: string): string {
  return `<tr><td class="card" style="background:${C.card};padding:20px 24px 8px 24px;border-top:1px solid ${C.rule};">
<h2 style="margin:0 0 12px 0;font-size:17px;line-height:24px;color:${C.text};font-weight:600;">${escapeHtml(title)}</h2>
${body}</td></tr>`;
}

function muted(text: string, size = 13): string {
  return `<div class="muted" style="font-size:${size}px;line-height:${size + 6}px;color:${C.muted};">${escapeHtml(text)}</div>`;
}

function figureCell(f: Figure): string {
  const weight = f.state === 'ok' ? 600 : 400;
  const colour = f.state === 'ok' ? C.text : C.muted;
  return `<div style="font-size:22px;line-height:28px;font-weight:${weight};color:${colour};">${escapeHtml(f.text)}</div>${muted(f.detail, 12)}`;
}

function headlineRow(h: Headline, t: (id: MessageId) => string, showMissingBenchmark: boolean): string {
  const delta = h.delta
    ? `<div style="font-size:14px;line-height:20px;font-weight:600;color:${TONE_COLOUR[h.delta.tone]};">${TONE_ARROW[h.delta.tone]} ${escapeHtml(h.delta.text)}</div>${muted(t(`reports.tone.${h.delta.tone}` as MessageId), 12)}`
    : muted(`${t('reports.col.previous')}: ${h.previous.text}`, 12);
  const extra = [
    `${t('reports.col.previous')}: ${h.previous.text}`,
    ...(h.target ? [`${t('reports.col.target')}: ${h.target}`] : []),
    ...(h.benchmark || showMissingBenchmark
      ? [
          `${t('reports.col.benchmark')}: ${h.benchmark ?? t('reports.noBenchmark')}${h.benchmarkNote ? ` (${h.benchmarkNote})` : ''}`,
        ]
      : []),
  ];
  return `<tr><td style="padding:10px 0;border-bottom:1px solid ${C.rule};vertical-align:top;">
<div style="font-size:14px;line-height:20px;color:${C.text};font-weight:600;">${escapeHtml(h.label)}</div>
${figureCell(h.current)}
${extra.map((e) => muted(e, 12)).join('\n')}
</td><td width="38%" style="padding:10px 0 10px 12px;border-bottom:1px solid ${C.rule};vertical-align:top;text-align:right;">${delta}</td></tr>`;
}

function moneyRows(rows: MoneyRow[]): string {
  return rows
    .map(
      (r) => `<tr><td style="padding:8px 0;border-bottom:1px solid ${C.rule};vertical-align:top;">
<div style="font-size:14px;line-height:20px;color:${C.text};">${escapeHtml(r.label)}</div>${muted(r.detail, 12)}</td>
<td style="padding:8px 0 8px 12px;border-bottom:1px solid ${C.rule};text-align:right;vertical-align:top;font-size:17px;line-height:22px;font-weight:600;color:${C.text};white-space:nowrap;">${escapeHtml(r.text)}</td></tr>`,
    )
    .join('\n');
}

function table(rows: string): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${rows}</table>`;
}

function img(c: RenderedChart | undefined): string {
  if (!c) return '';
  return `<div style="margin:4px 0 12px 0;"><img src="cid:${c.cid}" width="${c.width}" alt="${escapeHtml(c.alt)}" style="display:block;width:100%;max-width:${c.width}px;height:auto;border:0;border-radius:4px;background:#ffffff;"></div>`;
}

export interface HtmlOptions {
  /** Subscription name (the "why you receive this" line); absent in previews. */
  subscriptionName?: string;
  pdfAttached?: boolean;
}

/**
 * The email body: one 600 px column of tables with inline styles (Outlook, Gmail and phone clients),
 * light colours declared explicitly with a dark-mode override for clients that honour it, charts as
 * `cid:` images with alt texts, and per-recipient placeholders for the unsubscribe link.
 */
export function renderReportHtml(model: ReportModel, charts: RenderedChart[], o: HtmlOptions = {}): string {
  const t = (id: MessageId, p: Record<string, string | number> = {}) => translate(model.locale, id, p);
  const chart = (cid: string) => charts.find((c) => c.cid === cid);
  const parts: string[] = [];

  parts.push(
    section(
      t('reports.section.summary'),
      model.narrative
        .map(
          (s) =>
            `<p style="margin:0 0 10px 0;font-size:15px;line-height:23px;color:${C.text};">${escapeHtml(s)}</p>`,
        )
        .join('\n'),
    ),
  );
  parts.push(
    section(
      t('reports.section.headlines'),
      table(model.headlines.map((h) => headlineRow(h, t, model.reportType === 'benchmark')).join('\n')) +
        `<div style="height:8px;line-height:8px;">&nbsp;</div>`,
    ),
  );
  const trend = chart('trend@cx-ledger');
  if (trend) parts.push(section(t('reports.section.trend'), img(trend)));

  if (model.ranking) {
    const rows = model.ranking.rows
      .map(
        (
          r,
        ) => `<tr><td width="44" style="padding:8px 0;border-bottom:1px solid ${C.rule};font-size:14px;color:${C.muted};vertical-align:top;">${r.rank === null ? '–' : `#${r.rank}`}</td>
<td style="padding:8px 0;border-bottom:1px solid ${C.rule};vertical-align:top;"><div style="font-size:14px;line-height:20px;color:${C.text};">${escapeHtml(r.name)}</div>${muted(r.figure.detail, 12)}</td>
<td style="padding:8px 0 8px 12px;border-bottom:1px solid ${C.rule};text-align:right;vertical-align:top;font-size:17px;font-weight:600;color:${C.text};white-space:nowrap;">${escapeHtml(r.figure.text)}</td></tr>`,
      )
      .join('\n');
    parts.push(
      section(
        `${t('reports.section.ranking')} · ${model.ranking.label}`,
        img(chart('ranking@cx-ledger')) +
          table(rows) +
          `<div style="padding:8px 0 12px 0;">${muted(model.ranking.note, 12)}</div>`,
      ),
    );
  }

  const copeBody =
    model.cope.state === 'ok'
      ? img(chart('cope@cx-ledger')) +
        table(moneyRows([...model.cope.rows, ...(model.cope.total ? [model.cope.total] : [])])) +
        `<div style="padding:8px 0 12px 0;">${muted(model.cope.note, 12)}</div>`
      : muted(model.cope.state === 'pending' ? t('reports.pending') : t('reports.noDataDetail'));
  parts.push(section(t('reports.section.cope'), copeBody));
  parts.push(
    section(
      t('reports.section.rar'),
      model.revenueAtRisk.state === 'ok'
        ? table(moneyRows([model.revenueAtRisk.total, model.revenueAtRisk.cx])) +
            `<div style="padding:8px 0 12px 0;">${muted(t('reports.evidence.model-based'), 12)}</div>`
        : muted(model.revenueAtRisk.state === 'pending' ? t('reports.pending') : t('reports.noDataDetail')),
    ),
  );

  parts.push(
    section(
      t('reports.section.initiatives'),
      model.initiatives.length === 0
        ? muted(t('reports.noInitiatives'))
        : table(
            model.initiatives
              .map(
                (i) => `<tr><td style="padding:8px 0;border-bottom:1px solid ${C.rule};">
<div style="font-size:14px;line-height:20px;font-weight:600;color:${C.text};">${escapeHtml(i.name)} <span style="font-weight:400;color:${C.muted};">· ${escapeHtml(i.bu)}</span></div>
<div style="font-size:15px;line-height:22px;color:${C.text};">${escapeHtml(i.roi)}</div>
${muted(i.detail, 12)}${i.evidence ? muted(i.evidence, 12) : ''}</td></tr>`,
              )
              .join('\n'),
          ),
    ),
  );

  if (model.reportType !== 'executive-summary' || model.drivers.length > 0) {
    parts.push(
      section(
        t('reports.section.drivers'),
        (model.drivers.length === 0
          ? ''
          : table(
              model.drivers
                .map(
                  (d, i) => `<tr><td style="padding:8px 0;border-bottom:1px solid ${C.rule};">
<div style="font-size:14px;line-height:20px;font-weight:600;color:${C.text};">${i + 1}. ${escapeHtml(d.name)} <span style="font-weight:400;color:${C.muted};">· ${escapeHtml(d.quadrant)}</span></div>
${muted(d.share, 12)}${muted(d.performance, 12)}</td></tr>`,
                )
                .join('\n'),
            )) + `<div style="padding:8px 0 12px 0;">${muted(model.driversNote, 12)}</div>`,
      ),
    );
  }
  parts.push(
    section(
      t('reports.section.touchpoints'),
      model.touchpoints.length === 0
        ? muted(t('reports.noTouchpoints'))
        : table(
            model.touchpoints
              .map(
                (p) => `<tr><td style="padding:8px 0;border-bottom:1px solid ${C.rule};">
<div style="font-size:14px;line-height:20px;font-weight:600;color:${C.text};">${escapeHtml(p.name)}</div>
${muted(`${p.stage} · ${p.owner} · ${p.action}`, 12)}</td>
<td width="48" style="padding:8px 0 8px 8px;border-bottom:1px solid ${C.rule};text-align:right;font-size:15px;font-weight:600;color:${C.worse};">${p.score}</td></tr>`,
              )
              .join('\n'),
          ),
    ),
  );

  const button = `<tr><td class="card" style="background:${C.card};padding:16px 24px 24px 24px;border-top:1px solid ${C.rule};">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background:${C.accent};border-radius:6px;">
<a href="${escapeHtml(model.dashboardUrl)}" style="display:inline-block;padding:12px 20px;font-size:15px;line-height:20px;color:#ffffff;text-decoration:none;font-weight:600;">${escapeHtml(t('reports.openDashboard'))} →</a>
</td></tr></table>${o.pdfAttached ? `<div style="padding-top:12px;">${muted(t('reports.pdfAttached'), 12)}</div>` : ''}</td></tr>`;

  const footerLines = [
    model.footer,
    ...(o.subscriptionName
      ? [t('reports.whyReceived', { email: RECIPIENT_PLACEHOLDER, name: o.subscriptionName })]
      : []),
  ];
  const footer = `<tr><td style="padding:16px 24px 32px 24px;">
${footerLines.map((l) => muted(l, 12)).join('\n')}
${o.subscriptionName ? `<div style="padding-top:8px;font-size:12px;line-height:18px;"><a href="${UNSUBSCRIBE_PLACEHOLDER}" style="color:${C.accent};">${escapeHtml(t('reports.unsubscribe'))}</a></div>` : ''}
</td></tr>`;

  const lang = model.locale === 'zh-CN' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(model.title)}</title>
<style>
  body { margin:0; padding:0; }
  @media (prefers-color-scheme: dark) {
    .page { background:#11151a !important; }
    .card { background:#1b2027 !important; }
    .card h1, .card h2, .card div, .card p, .card td { color:#e8ecf1 !important; }
    .card .muted { color:#a9b3bf !important; }
  }
  @media (max-width: 620px) {
    .card { padding-left:16px !important; padding-right:16px !important; }
  }
</style>
</head>
<body class="page" style="margin:0;padding:0;background:${C.page};">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(model.narrative[0] ?? model.title)}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.page};">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;font-family:${FONT};border-collapse:collapse;">
<tr><td class="card" style="background:${C.card};padding:24px 24px 16px 24px;border-top:4px solid ${C.accent};">
<div class="muted" style="font-size:12px;line-height:18px;color:${C.muted};letter-spacing:0.04em;text-transform:uppercase;">CX Ledger</div>
<h1 style="margin:4px 0 6px 0;font-size:22px;line-height:28px;color:${C.text};font-weight:700;">${escapeHtml(model.title)}</h1>
${muted(model.subtitle)}
</td></tr>
${parts.join('\n')}
${button}
${footer}
</table>
</td></tr>
</table>
</body>
</html>`;
}

/** The same HTML with `cid:` images inlined as data URIs (previews in a browser, the outbox viewer). */
export function inlineImages(html: string, charts: { cid: string; png: Buffer }[]): string {
  let out = html;
  for (const c of charts)
    out = out.split(`cid:${c.cid}`).join(`data:image/png;base64,${c.png.toString('base64')}`);
  return out;
}

/** Plain-text alternative (narrative, headline figures, link). */
export function renderReportText(model: ReportModel): string {
  const t = (id: MessageId, p: Record<string, string | number> = {}) => translate(model.locale, id, p);
  const lines = [model.title, model.subtitle, '', ...model.narrative, '', t('reports.section.headlines')];
  for (const h of model.headlines)
    lines.push(`- ${h.label}: ${h.current.text} (${h.current.detail})${h.delta ? `; ${h.delta.text}` : ''}`);
  lines.push('', `${t('reports.openDashboard')}: ${model.dashboardUrl}`, '', model.footer);
  return lines.join('\n');
}
