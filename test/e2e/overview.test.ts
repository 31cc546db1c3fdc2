import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api } from '../integration/support/stack';
import { apiToken, appUrl, signIn, submitLogin } from './support/app';
import { launch, shot } from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const trendData = (page: Page) => page.getByTestId('trend-chart').getAttribute('data-points');

describe('Overview in the browser', () => {
  it('shows an error on a wrong password and stays on the login page', async () => {
    const page = await browser.newPage();
    await submitLogin(page, 'cfo@demo.local', 'wrong');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toMatch(/wrong email or password/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'login-error');
    await page.close();
  });

  it('signs the CFO in and shows KPI tiles with the values the API serves', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, 'cfo@demo.local');
    for (const t of ['nps', 'csat', 'ces', 'frt', 'fcr', 'churn', 'nrr', 'revenue']) {
      await expect.poll(() => page.getByTestId(`tile-${t}`).isVisible(), { timeout: 30_000 }).toBe(true);
    }
    const npsText = await page.getByTestId('tile-nps').getByTestId('tile-value').textContent();
    const token = await apiToken('cfo@demo.local');
    const url = new URL(page.url());
    const q = new URLSearchParams({
      bu: url.searchParams.get('bu') ?? 'ALL',
      grain: url.searchParams.get('grain') ?? 'month',
      metric: 'nps',
    });
    const r = await api(appUrl(), `/api/metrics?${q.toString()}`, { token });
    const points = r.body.series[0].points as { value: number | null }[];
    const last = points.filter((p) => p.value !== null).at(-1);
    expect(last).toBeDefined();
    expect(npsText?.replace(/[^\d.−-]/g, '').replace('−', '-')).toContain(
      String(Math.round(last?.value ?? NaN)),
    );
    await shot(page, 'overview-all');
    await page.close();
  });

  it('changes the data when the business unit and the period change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, 'cxo@demo.local');
    await expect.poll(() => trendData(page), { timeout: 30_000 }).toBeTruthy();
    const before = await trendData(page);
    await page.getByTestId('filter-bu').selectOption('SMB');
    await expect.poll(() => trendData(page)).not.toBe(before);
    expect(new URL(page.url()).searchParams.get('bu')).toBe('SMB');
    const smb = await trendData(page);
    await page.getByTestId('filter-grain').selectOption('quarter');
    await expect.poll(() => trendData(page)).not.toBe(smb);
    expect(new URL(page.url()).searchParams.get('grain')).toBe('quarter');
    await shot(page, 'overview-smb-quarter');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'overview-phone');
    await page.close();
  });

  it('shows ENT July 2023 NPS as no data, not 0', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, 'cfo@demo.local');
    await page.goto(appUrl('/?bu=ENT&grain=month&from=2023-02&to=2023-07'));
    const tile = page.getByTestId('tile-nps');
    await expect.poll(() => tile.textContent(), { timeout: 30_000 }).toMatch(/no data|no responses/i);
    expect(await tile.getByTestId('tile-value').textContent()).not.toMatch(/^\s*0\s*$/);
    await shot(page, 'overview-ent-no-data');
    await page.close();
  });

  it('refuses an executive token on an admin route from the browser session', async () => {
    const page = await browser.newPage();
    await signIn(page, 'cfo@demo.local');
    const token = await apiToken('cfo@demo.local');
    const status = await page.evaluate(async (t) => {
      const res = await fetch('/api/recompute/status', { headers: { authorization: `Bearer ${t}` } });
      return res.status;
    }, token);
    expect(status).toBe(403);
    await page.close();
  });
});

describe('Uploads in the browser (finance corrects a revenue file)', () => {
  const header = 'customer_id,month,revenue\n';
  const good = ['ENT-000001,2024-12,"1,000.00"', 'ENT-000002,2024-12,2500', 'ENT-000003,2024-12,(40.00)'];

  it('rejects a file with errors, lists them by row, accepts the fix and the Overview changes', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    await signIn(page, 'finance@demo.local');
    await page.goto(appUrl('/?bu=ENT&grain=month&from=2024-01&to=2024-12'));
    const revenueTile = page.getByTestId('tile-revenue').getByTestId('tile-value');
    await expect.poll(() => revenueTile.textContent(), { timeout: 30_000 }).toMatch(/\$/);
    const before = await revenueTile.textContent();

    await page.getByTestId('nav-uploads').click();
    await page.getByTestId('uploads-kind').selectOption('revenue');
    const bad = `${header}${good[0]}\nENT-000002,2024-13,2500\nNOPE-1,2024-12,10\n`;
    await page
      .getByTestId('uploads-file-input')
      .setInputFiles({ name: 'ent-dec.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('uploads-submit').click();
    await expect
      .poll(() => page.getByTestId('uploads-status').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('rejected');
    const table = page.getByTestId('uploads-errors-table');
    await expect.poll(() => table.textContent()).toMatch(/2024-13/);
    const text = (await table.textContent()) ?? '';
    expect(text).toMatch(/3/); // row 3: the bad month
    expect(text).toMatch(/NOPE-1/); // row 4: the unknown customer
    await shot(page, 'uploads-rejected');

    const fixed = `${header}${good.join('\n')}\n`;
    await page
      .getByTestId('uploads-file-input')
      .setInputFiles({ name: 'ent-dec-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByTestId('uploads-submit').click();
    await expect
      .poll(() => page.getByTestId('uploads-status').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('completed');
    expect(await page.getByTestId('uploads-rows-accepted').getAttribute('data-value')).toBe('3');
    await shot(page, 'uploads-completed');

    // The scope (ENT, 2024-12) now holds exactly the three corrected rows: revenue drops to $3,460.
    await expect
      .poll(
        async () => {
          await page.goto(appUrl('/?bu=ENT&grain=month&from=2024-01&to=2024-12'));
          await expect.poll(() => revenueTile.textContent(), { timeout: 20_000 }).toMatch(/\$/);
          return revenueTile.textContent();
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .not.toBe(before);
    expect(await revenueTile.textContent()).toMatch(/3[.,]?4|3,460|3\.46/);
    await shot(page, 'overview-after-correction');
    await page.close();
  });

  it('does not offer uploads to an executive, and the API refuses them', async () => {
    const page = await browser.newPage();
    await signIn(page, 'cfo@demo.local');
    expect(await page.getByTestId('nav-uploads').count()).toBe(0);
    await page.goto(appUrl('/uploads'));
    await expect.poll(() => page.getByTestId('uploads-forbidden').count(), { timeout: 15_000 }).toBe(1);
    await page.close();
  });
});
