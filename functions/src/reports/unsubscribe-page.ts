import { translate, type Locale, type MessageId } from '@cxl/shared/i18n/catalogue';
import { escapeHtml } from './html';

/** A small self-contained page (no scripts) for the public unsubscribe route. */
export function unsubscribePage(
  locale: Locale,
  body: { message: string; form?: { action: string; button: string } },
): string {
  const t = (id: MessageId) => translate(locale, id);
  const form = body.form
    ? `<form method="post" action="${escapeHtml(body.form.action)}"><button type="submit" style="margin-top:16px;padding:10px 18px;font-size:15px;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer;">${escapeHtml(body.form.button)}</button></form>`
    : '';
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(t('reports.unsub.title'))}</title></head>
<body style="margin:0;font-family:-apple-system,'Segoe UI',Roboto,Arial,'PingFang SC','Microsoft YaHei',sans-serif;background:#eef1f5;color:#1d232b;">
<main style="max-width:520px;margin:48px auto;padding:24px;background:#fff;border-top:4px solid #0b5cad;border-radius:4px;">
<h1 style="font-size:20px;margin:0 0 12px 0;">${escapeHtml(t('reports.unsub.title'))}</h1>
<p style="font-size:15px;line-height:22px;margin:0;">${escapeHtml(body.message)}</p>${form}
</main></body></html>`;
}
