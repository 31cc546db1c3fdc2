import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestStack } from '../integration/support/stack';
import { launch, shot } from './support/browser';

// This file keeps its own DEMO=off stack: the shared e2e stack holds the demo company.
let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('an empty instance (DEMO=off)', () => {
  it('tells the user there is no data yet and how it gets there, instead of zeros or an endless skeleton', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${stack.url}/login`);
    await page.getByTestId('login-email').fill('admin@demo.local');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('empty-instance').textContent(), { timeout: 20_000 })
      .toMatch(/No data yet/);
    expect(await page.getByTestId('loading').count()).toBe(0);
    expect(await page.getByTestId('tile-nps').count()).toBe(0);
    await shot(page, 'overview-empty-instance');
    await page.close();
  });
});
