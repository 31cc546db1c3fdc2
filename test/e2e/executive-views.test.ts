import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, signIn } from './support/app';
import { launch, SHOTS, shot } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWS = [
  {
    path: '/linkage',
    view: 'view-linkage',
    figure: 'fig-value-gap',
    title: /Financial linkage/,
    zh: /财务关联/,
  },
  {
    path: '/cope',
    view: 'view-cope',
    figure: 'fig-cope-total',
    title: /Cost of poor experience/,
    zh: /不良体验成本/,
  },
  {
    path: '/revenue-at-risk',
    view: 'view-rar',
    figure: 'fig-rar-cx',
    title: /Revenue at risk/,
    zh: /风险收入/,
  },
  { path: '/drivers', view: 'view-drivers', figure: 'fig-drivers-r2', title: /Drivers/, zh: /驱动因素/ },
] as const;

/** Waits until a view's headline figure shows a value (model views may answer "being computed" first). */
async function figureValue(page: Page, testid: string): Promise<string> {
  const value = page.getByTestId(`${testid}-value`);
  await expect.poll(() => value.count(), { timeout: 90_000, interval: 1_000 }).toBe(1);
  return (await value.textContent()) ?? '';
}

describe('executive views in the browser', () => {
  it('shows an executive every view with trust details, no editing, in English and 简体中文', async () => {
    // One browser profile (context) for the whole test: the language choice lives in its localStorage.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'cfo@demo.local');
    for (const v of VIEWS) {
      await page.goto(appUrl(v.path));
      await expect.poll(() => page.getByTestId(v.view).count(), { timeout: 30_000 }).toBe(1);
      const value = await figureValue(page, v.figure);
      expect(value).toMatch(/\d/);
      expect(await page.locator('h1').first().textContent()).toMatch(v.title);
      // Trust details on keyboard focus: n, interval, evidence class, glossary link.
      await page.getByTestId(`${v.figure}-info`).focus();
      const details = page.getByTestId(`${v.figure}-details`);
      await expect.poll(() => details.isVisible()).toBe(true);
      expect(await details.textContent()).toMatch(/n/);
      expect(await details.textContent()).toMatch(/Evidence/);
      // Read only: the views offer no edit, save or delete action.
      expect(await page.getByRole('button', { name: /^(Edit|Save|Delete|Add)\b/ }).count()).toBe(0);
      await shot(page, `exec${v.path.replace('/', '-')}-en`);
    }
    // The executive cannot change the figures' inputs through the API either.
    const status = await page.evaluate(async () => {
      const s = JSON.parse(sessionStorage.getItem('cxl.session') ?? '{}') as { token?: string };
      const res = await fetch('/api/assumptions', {
        method: 'PUT',
        headers: { authorization: `Bearer ${s.token ?? ''}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return res.status;
    });
    expect(status).toBe(403);

    // 简体中文: remembered for this user, <html lang> and every view re-rendered.
    await page.getByTestId('language-switcher').selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    for (const v of VIEWS) {
      await page.goto(appUrl(v.path));
      await figureValue(page, v.figure);
      await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toMatch(v.zh);
      expect(await page.getByTestId('nav-linkage').textContent()).toMatch(/财务关联/);
      await shot(page, `exec${v.path.replace('/', '-')}-zh-CN`);
    }
    await page.goto(appUrl('/glossary'));
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 }).toMatch(/术语表/);
    expect(await page.getByTestId('glossary-cope').textContent()).toMatch(/不良体验成本/);
    await shot(page, 'exec-glossary-zh-CN');
    // Another sign-in of the same user keeps the language; switch back for the other tests.
    // A new tab of the same browser profile (localStorage shared, sessionStorage not): sign in again.
    const again = await context.newPage();
    await signIn(again, 'cfo@demo.local');
    await expect.poll(() => again.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await again.getByTestId('language-switcher').selectOption('en');
    await again.close();
    await context.close();
  });

  it('drills from a chart element to the customers behind it and exports them as a formula-safe CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, 'cfo@demo.local');
    await page.goto(appUrl('/linkage?bu=ENT&window=12'));
    await figureValue(page, 'fig-value-gap');
    // Click the detractor bar (index 2) of the lifetime-value chart on the canvas.
    const canvas = page.getByTestId('chart-clv-canvas');
    interface LiveChart {
      getDatasetMeta(i: number): { data: { x: number; y: number }[] };
    }
    const point = await canvas.evaluate((c) => {
      const chart = (c as unknown as { cxlChart?: LiveChart }).cxlChart;
      const bar = chart?.getDatasetMeta(0).data[2];
      return bar ? { x: bar.x, y: bar.y + 5 } : null;
    });
    expect(point).not.toBeNull();
    await canvas.click({ position: { x: point?.x ?? 0, y: point?.y ?? 0 } });
    const drawer = page.getByTestId('drilldown');
    await expect.poll(() => drawer.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await drawer.locator('h2').textContent()).toMatch(/Enterprise · Detractor/);
    const count = page.getByTestId('drilldown-count');
    await expect.poll(() => count.getAttribute('data-total'), { timeout: 30_000 }).toMatch(/^[1-9]\d*$/);
    const total = Number(await count.getAttribute('data-total'));
    const rows = page.getByTestId('drilldown-table-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toMatch(/ENT-\d+/);
    expect(await rows.first().textContent()).toMatch(/Detractor/);
    // Filter inside the drawer.
    const firstId = /ENT-\d+/.exec((await rows.first().textContent()) ?? '')?.[0] ?? '';
    await page.getByTestId('drilldown-table-filter').fill(firstId);
    await expect.poll(() => rows.count()).toBe(1);
    await shot(page, 'exec-drilldown');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('drilldown-table-csv').click(),
    ]);
    const file = join(SHOTS, '..', 'drilldown-ent-detractors.csv');
    await download.saveAs(file);
    const csv = await readFile(file, 'utf8');
    const parsed: string[][] = parse(csv, { bom: true });
    expect(parsed[0]?.slice(0, 4)).toEqual(['customer_id', 'bu', 'segment', 'revenue_12m']);
    expect(parsed).toHaveLength(total + 1);
    expect(parsed.slice(1).every((r) => r[5] === 'detractor' && r[1] === 'ENT')).toBe(true);
    // No text cell may start a formula; numbers stay numbers (a negative amount is not text).
    const textCells = parsed.slice(1).flatMap((r) => [r[0], r[1], r[2], r[5], r[7], r[10], r[11]]);
    expect(textCells.filter((c) => c !== undefined && /^[=+\-@\t\r]/.test(c))).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
    await page.close();
  });

  it('renders the board pack as an A4 landscape PDF with every section, the filters and the data date', async () => {
    const page = await browser.newPage({ viewport: { width: 1123, height: 794 } });
    await signIn(page, 'cfo@demo.local');
    await page.goto(appUrl('/board-pack?bu=ALL'));
    for (const v of VIEWS) await figureValue(page, v.figure);
    const running = page.getByTestId('board-running');
    expect(await running.textContent()).toMatch(/All business units · Trailing 12 months/);
    expect(await running.textContent()).toMatch(/Data as of/);
    // The running header sits in a table header group, which Chromium repeats on every printed page.
    expect(await running.evaluate((el) => el.closest('thead') !== null)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    await shot(page, 'exec-board-pack-print');
    const file = join(SHOTS, '..', 'board-pack.pdf');
    const pdf = await page.pdf({
      path: file,
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
    });
    const raw = pdf.toString('latin1');
    const pages = raw.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(5); // cover + one page or more per executive view
    expect(pages).toBeLessThanOrEqual(16);
    // A4 landscape media box: 842 × 595 pt.
    expect(raw).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+84[12](\.\d+)?\s+59[45](\.\d+)?\s*\]/);
    // The outline (bookmarks from the headings) names every section.
    const strings = [...raw.matchAll(/<FEFF([0-9A-Fa-f]+)>/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'hex')
        .swap16()
        .toString('utf16le'),
    );
    const literal = [...raw.matchAll(/\/Title\s*\(([^)]*)\)/g)].map((m) => m[1] ?? '');
    const text = [...strings, ...literal].join(' | ');
    for (const title of [
      'Board pack',
      'Financial linkage',
      'Cost of poor experience',
      'Revenue at risk',
      'Drivers',
    ]) {
      expect(text).toContain(title);
    }
    await page.close();
  });
});
