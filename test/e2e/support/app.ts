import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { login } from '../../integration/support/stack';

/** Base URL of the shared demo stack started by the e2e global setup. */
export function appUrl(path = ''): string {
  return `${inject('e2eStackUrl')}${path}`;
}

/** Fills the login form; does not wait for the redirect (a wrong password stays on /login). */
export async function submitLogin(page: Page, email: string, password = 'demo'): Promise<void> {
  await page.goto(appUrl('/login'));
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs a demo user in through the login page and waits until the app has left /login. */
export async function signIn(page: Page, email: string, password = 'demo'): Promise<void> {
  await submitLogin(page, email, password);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A bearer token for API calls next to the browser session. */
export function apiToken(email: string, password = 'demo'): Promise<string> {
  return login(inject('e2eStackUrl'), email, password);
}
