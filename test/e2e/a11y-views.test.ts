import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, signIn } from './support/app';
import { launch } from './support/browser';
import { navEntries, settle } from './support/views';

/** axe-core on every view of the nav (as admin, who sees them all), desktop and phone width. */

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let browser: Browser;
let axeSource = '';
beforeAll(async () => {
  browser = await launch();
  const require = createRequire(import.meta.url);
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core) of every view', () => {
  it('finds no serious or critical violation on any nav view, in English and at phone width', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultNavigationTimeout(120_000);
    page.setDefaultTimeout(120_000);
    await signIn(page, 'admin@demo.local');
    const views = [
      ...(await navEntries(page)).map((n) => n.path),
      '/touchpoints?tab=inventory',
      '/touchpoints?tab=kano',
    ];
    expect(views.length).toBeGreaterThanOrEqual(12);
    const problems: string[] = [];
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const v of views) {
        await page.goto(appUrl(v));
        await settle(page, 60_000);
        await page.evaluate(axeSource);
        const violations = (await page.evaluate(async () => {
          const axe = (
            window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
          ).axe;
          const r = await axe.run({ resultTypes: ['violations'] });
          return r.violations;
        })) as AxeViolation[];
        for (const x of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          problems.push(
            `${v} @${width}px: ${x.id} (${x.impact}) ${x.help} — ${x.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});
