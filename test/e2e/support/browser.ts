import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** Debian chromium with the flags this machine needs (no network, no sandbox as root). */
export async function launch(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true });
  // Simplified Chinese glyphs (Noto Sans SC) for screenshots and PDFs of the 简体中文 UI.
  const fonts = join(dirname(fileURLToPath(import.meta.url)), 'fonts.conf');
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(existsSync(fonts) ? { env: { ...process.env, FONTCONFIG_FILE: fonts } } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
