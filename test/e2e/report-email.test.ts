import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api } from '../integration/support/stack';
import { apiToken, appUrl } from './support/app';
import { launch, shot } from './support/browser';

/**
 * The report emails as a person sees them: each report type's HTML (the preview the Reports page shows,
 * images inline) in headless Chromium at phone (390 px) and desktop widths, in English and Chinese.
 * Screenshots land in test-results/screenshots.
 */
const FONT = 'node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf';
let browser: Browser;
let token: string;

beforeAll(async () => {
  browser = await launch();
  token = await apiToken('cx@demo.local');
});
afterAll(async () => {
  await browser?.close();
});

async function previewHtml(reportType: string, bu: string, locale: string): Promise<string> {
  const res = await fetch(appUrl('/api/reports/preview'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reportType, bu, locale }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  return res.text();
}

const CASES = [
  { reportType: 'executive-summary', bu: 'ALL', locale: 'en' },
  { reportType: 'benchmark', bu: 'ALL', locale: 'zh-CN' },
  { reportType: 'bu-scorecard', bu: 'SMB', locale: 'en' },
] as const;

describe('report email HTML in a browser', () => {
  it.each(CASES)('renders the $reportType ($bu, $locale) at phone and desktop widths', async (c) => {
    const html = await previewHtml(c.reportType, c.bu, c.locale);
    for (const [name, width] of [
      ['phone', 390],
      ['desktop', 1280],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      // Phones and desktop mail clients have a CJK system font; this machine's Chromium has none, so
      // the font the stack names ('Noto Sans SC') is provided from the package the server uses.
      await page.route('http://fonts.test/noto-sans-sc.otf', (route) =>
        route.fulfill({ body: readFileSync(FONT), contentType: 'font/otf' }),
      );
      await page.setContent(html, { waitUntil: 'load' });
      await page.addStyleTag({
        content:
          "@font-face { font-family: 'Noto Sans SC'; font-weight: 100 900; src: url(http://fonts.test/noto-sans-sc.otf); }",
      });
      await page.evaluate('document.fonts.ready');
      // Nothing overflows sideways: a phone reader never scrolls horizontally.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Every chart image decoded and has an alt text.
      const images = await page.evaluate<{ ok: boolean; alt: string; w: number }[]>(
        '[...document.images].map((i) => ({ ok: i.complete && i.naturalWidth > 0, alt: i.alt, w: i.width }))',
      );
      expect(images.length).toBeGreaterThanOrEqual(2);
      for (const i of images) {
        expect(i.ok).toBe(true);
        expect(i.alt.length).toBeGreaterThan(10);
        expect(i.w).toBeLessThanOrEqual(width);
      }
      const text = await page.evaluate<string>('document.body.innerText');
      if (c.locale === 'zh-CN') expect(text).toMatch(/净推荐值|核心指标/);
      else expect(text).toMatch(/Headline metrics/);
      expect(text).toMatch(/n = \d/);
      await shot(page, `report-${c.reportType}-${c.locale}-${name}`);
      await page.close();
    }
  });

  it('shows the subscription preview to its owner and refuses finance', async () => {
    const cx = token;
    const created = await api(appUrl(''), '/api/report-subscriptions', {
      token: cx,
      body: {
        name: 'E2E weekly',
        reportType: 'executive-summary',
        bu: 'ENT',
        recipients: ['cfo@demo.local'],
        cadence: { every: 'week', day: 1, time: '08:00', timeZone: 'Europe/London' },
        locale: 'en',
        format: 'html',
      },
    });
    expect(created.status).toBe(201);
    const res = await fetch(appUrl(`/api/report-subscriptions/${created.body.id}/preview`), {
      headers: { authorization: `Bearer ${cx}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Executive summary');
    const finance = await apiToken('finance@demo.local');
    const refused = await fetch(appUrl(`/api/report-subscriptions/${created.body.id}/preview`), {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(refused.status).toBe(403);
    await api(appUrl(''), `/api/report-subscriptions/${created.body.id}`, { token: cx, method: 'DELETE' });
  });
});
