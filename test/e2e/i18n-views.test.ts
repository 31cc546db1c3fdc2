import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { enMessages } from '../../shared/src/i18n/catalogue';
import { appUrl, signIn } from './support/app';
import { launch } from './support/browser';
import { chooseLanguage, navEntries, settle } from './support/views';

/**
 * With 简体中文 selected, no visible text of any view may contain an English word of the en
 * catalogue. Data are not UI text and are exempt where the markup says so: `translate="no"` (names,
 * business units, sources), body cells of tables marked `data-data-cells`, `<option>`s of data lists.
 * Allowed: numbers, units, acronyms and proper names below.
 */
const ALLOWED = new Set(
  [
    // product and acronyms
    'cx',
    'ledger',
    'nps',
    'csat',
    'ces',
    'fcr',
    'frt',
    'aht',
    'roi',
    'cope',
    'clv',
    'nrr',
    'grr',
    'arpu',
    'csv',
    'png',
    'pdf',
    'usd',
    'iso',
    'bu',
    'kpi',
    'lmg',
    'did',
    'p10',
    'p50',
    'p90',
    'ci',
    'sla',
    'ok',
    // demo company business units (company data, shown by name)
    'smb',
    'enterprise',
    'consumer',
    'ent',
    'con',
    // unit symbols
    'pts',
    'pp',
    'min',
    'ms',
    // file formats and systems
    'tsv',
    'txt',
    'xlsx',
    'utf',
    'excel',
    'erp',
    'sha',
    // proper names of statistical methods and their authors; math function names
    'wald',
    'wilson',
    'kaplan',
    'meier',
    'fisher',
    'pearson',
    'benjamini',
    'hochberg',
    'katz',
    'max',
    'log',
    'exp',
  ].map((w) => w.toLowerCase()),
);

/** English words (3+ letters) that occur in the en catalogue's messages. */
function vocabulary(): Set<string> {
  const words = new Set<string>();
  for (const text of Object.values(enMessages)) {
    for (const w of text.replace(/\{\w+\}/g, ' ').match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? []) {
      const lw = w.toLowerCase().replace(/['’]s$/, '');
      if (!ALLOWED.has(lw)) words.add(lw);
    }
  }
  return words;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('no untranslated visible text in 简体中文', () => {
  it('walks every nav view with zh-CN selected and finds no English UI words', async () => {
    const vocab = vocabulary();
    expect(vocab.size).toBeGreaterThan(200);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultNavigationTimeout(120_000);
    page.setDefaultTimeout(120_000);
    await signIn(page, 'admin@demo.local');
    await chooseLanguage(page, 'zh-CN');
    const views = [
      ...(await navEntries(page)).map((n) => n.path),
      '/touchpoints?tab=inventory',
      '/touchpoints?tab=kano',
    ];
    const found: string[] = [];
    for (const v of views) {
      await page.goto(appUrl(v));
      await settle(page, 60_000);
      const texts = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          const text = n.textContent?.trim() ?? '';
          if (!el || !text) continue;
          // Formulas (code), data marked translate="no", the user's e-mail and option lists of data.
          if (
            el.closest(
              '[translate="no"], script, style, option, code, pre, kbd, samp, [data-testid="user-email"]',
            )
          )
            continue;
          if (el.closest('[data-data-cells] tbody')) continue;
          if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
          const r = el.getBoundingClientRect();
          if (r.width <= 1 || r.height <= 1) continue; // visually hidden
          out.push(text);
        }
        return out;
      });
      for (const text of texts) {
        // Identifiers are data, not words: e-mail addresses, file names, versions, kebab-case ids.
        const prose = text
          .split(/\s+/)
          .filter((tok) => !/[@_/\\]|\.\w|\d[.-]|^[a-z0-9]+(-[a-z0-9]+)+[,.;:)]?$/.test(tok))
          .join(' ');
        const words = (prose.match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? []).map((w) =>
          w.toLowerCase().replace(/['’]s$/, ''),
        );
        const english = words.filter((w) => vocab.has(w));
        if (english.length > 0) found.push(`${v}: "${text.slice(0, 80)}" (${english.join(', ')})`);
      }
    }
    expect([...new Set(found)]).toEqual([]);
    await page.close();
  }, 600_000);
});
