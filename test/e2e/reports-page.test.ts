import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, signIn } from './support/app';
import { launch, shot } from './support/browser';

/** The Reports page as a CX manager and as an executive uses it, in a real browser. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('Reports page', () => {
  it('lets a CX manager create a subscription, send it now, follow the delivery log and preview the mail', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'cx@demo.local');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL((u) => u.pathname === '/reports');
    await page.getByTestId('sub-new').click();
    await page.getByTestId('sub-name').fill('E2E monthly summary');
    await page.getByTestId('sub-recipients').fill('cfo@demo.local\ncxo@demo.local');
    await page.getByTestId('sub-save').click();
    const card = page.getByTestId('subscription').filter({ hasText: 'E2E monthly summary' });
    await card.waitFor();
    await card.getByTestId('sub-send-now').click();
    await page.getByTestId('reports-notice').waitFor();
    // The log shows the run with a status per recipient once it is out.
    const run = page.getByTestId('run').filter({ hasText: 'E2E monthly summary' }).first();
    await run.and(page.locator('[data-status="sent"]')).waitFor({ timeout: 90_000 });
    expect(await run.innerText()).toMatch(/cfo@demo\.local: Sent[\s\S]*cxo@demo\.local: Sent/);
    // Locally the mail went to the outbox, which the page lists and previews.
    const outbox = page.getByTestId('outbox');
    await outbox.getByText('Executive summary: All business units').first().waitFor({ timeout: 30_000 });
    await shot(page, 'reports-page-cx');
    await outbox.getByRole('button').first().click();
    const frame = page.frameLocator('[data-testid="report-preview"] iframe');
    await frame.getByText('Headline metrics').waitFor();
    await shot(page, 'reports-page-outbox-preview');
    await page.close();
  });

  it('shows an executive only their own subscriptions and fixes the recipient to themselves', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'cfo@demo.local');
    await page.goto(appUrl('/reports'));
    await page.getByTestId('sub-new').click();
    await expect(page.getByTestId('sub-recipients').count()).resolves.toBe(0);
    await page.getByTestId('sub-name').fill('My own weekly');
    await page.getByTestId('sub-every').selectOption('week');
    await page.getByTestId('sub-locale').selectOption('zh-CN');
    await page.getByTestId('sub-save').click();
    await page.getByTestId('subscription').filter({ hasText: 'My own weekly' }).waitFor();
    const names = await page.getByTestId('subscription').locator('h3').allInnerTexts();
    expect(names).toEqual(['My own weekly']); // not the CX manager's subscription
    await shot(page, 'reports-page-executive-phone');
    await page.close();
  });

  it('tells finance the page is not for their role', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'finance@demo.local');
    expect(await page.getByTestId('nav-reports').count()).toBe(0);
    await page.goto(appUrl('/reports'));
    await page.getByTestId('reports-forbidden').waitFor();
    await page.close();
  });
});
