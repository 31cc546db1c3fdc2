import type { Page } from 'playwright-core';

/** The app's nav entries (path and test id) as the signed-in user sees them. */
export async function navEntries(
  page: Page,
): Promise<{ path: string; testid: string | null; text: string }[]> {
  await page.locator('nav.sidenav a').first().waitFor();
  return page.$$eval('nav.sidenav a[href]', (links) =>
    links.map((a) => ({
      path: new URL((a as HTMLAnchorElement).href).pathname,
      testid: a.getAttribute('data-testid'),
      text: (a.textContent ?? '').trim(),
    })),
  );
}

/** Chooses the UI language with the language switcher in the top bar. */
export async function chooseLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switcher').selectOption(locale);
  await page
    .waitForFunction((l) => document.documentElement.lang === l, locale, { timeout: 10_000 })
    .catch(() => undefined);
}

/** Waits until the view has left its loading skeletons (or the timeout passes). */
export async function settle(page: Page, ms = 30_000): Promise<void> {
  await page
    .waitForFunction(
      () => document.querySelectorAll('[aria-busy="true"], .skeleton').length === 0,
      undefined,
      {
        timeout: ms,
      },
    )
    .catch(() => undefined);
  await page.waitForTimeout(400);
}
