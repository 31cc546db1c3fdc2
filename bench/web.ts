/**
 * Web bench: Lighthouse (npm `lighthouse`, system Chromium through chrome-launcher with the flags of
 * test/e2e/support/browser.ts) on the Overview of the demo company, signed in as the CFO: performance
 * and accessibility scores (desktop preset), and the first-load JavaScript of that page, gzip-compressed
 * from the files in web/build (every script the page loaded until it settled).
 *
 * Starts a demo stack unless `BENCH_WEB_URL` names a running one (e.g. http://127.0.0.1:3000); needs
 * `npm run build:web` first. `npx tsx bench/web.ts` runs it standalone.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { startTestStack } from '../test/integration/support/stack';
import { CHROMIUM } from '../test/e2e/support/browser';
import type { BenchResult } from './figures';

/** The part of Lighthouse's result this bench reads. */
interface Lhr {
  categories: Record<
    string,
    { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined
  >;
  audits: Record<string, { id: string; score: number | null; displayValue?: string; details?: unknown }>;
}
interface LighthouseModule {
  default: (url: string, flags: object, config: object, page: unknown) => Promise<{ lhr: Lhr } | undefined>;
  desktopConfig: { settings: object };
}
/**
 * Lighthouse's type declarations add DOM event names to the global `HTMLElementEventMap`, which would
 * narrow chart.js's option types across the whole server-side program; it is imported untyped.
 */
async function loadLighthouse(): Promise<LighthouseModule> {
  const name = 'lighthouse';
  return (await import(name)) as LighthouseModule;
}

export type { BenchResult };

const WEB_BUILD = join(process.cwd(), 'web', 'build');
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function gzipBytesOf(urls: readonly string[]): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const u of new Set(urls)) {
    const path = join(WEB_BUILD, new URL(u).pathname);
    if (!existsSync(path)) continue;
    bytes += gzipSync(await readFile(path), { level: 9 }).length;
    files++;
  }
  return { bytes, files };
}

export async function benchWeb(): Promise<BenchResult[]> {
  if (!existsSync(join(WEB_BUILD, 'index.html')))
    throw new Error('web/build is missing: run npm run build:web');
  const external = process.env.BENCH_WEB_URL?.replace(/\/$/, '');
  const stack = external ? null : await startTestStack({ DEMO: 'on' });
  const base = external ?? stack?.url ?? '';
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    await page.setViewport({ width: 1350, height: 940 });
    // Sign in (the session lives in this tab's sessionStorage, kept by disableStorageReset).
    await page.goto(`${base}/login`, { waitUntil: 'networkidle0' });
    await page.type('[data-testid="login-email"]', 'cfo@demo.local');
    await page.type('[data-testid="login-password"]', process.env.DEMO_PASSWORD ?? 'demo');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-testid="login-submit"]'),
    ]);
    await page.waitForSelector('[data-testid="tile-nps"]', { timeout: 120_000 });

    // Lighthouse scores vary run to run on a shared machine: the median of RUNS runs is reported.
    const { default: lighthouse, desktopConfig } = await loadLighthouse();
    const runs: ({ lhr: Lhr } | undefined)[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await lighthouse(
          `${base}/`,
          { port: chrome.port, output: 'json', logLevel: 'error', disableStorageReset: true },
          {
            ...desktopConfig,
            settings: { ...desktopConfig.settings, onlyCategories: ['performance', 'accessibility'] },
          },
          page,
        ),
      );
    }
    const lhrs = runs.flatMap((r) => (r ? [r.lhr] : []));
    if (lhrs.length === 0) throw new Error('Lighthouse returned no result');
    const score = (l: (typeof lhrs)[number], c: string) => Math.round((l.categories[c]?.score ?? 0) * 100);
    lhrs.sort((x, y) => score(x, 'performance') - score(y, 'performance'));
    const lhr = lhrs[Math.floor(lhrs.length / 2)] ?? lhrs[0];
    if (!lhr) throw new Error('Lighthouse returned no result');
    console.log(`web bench: performance per run ${lhrs.map((l) => score(l, 'performance')).join(', ')}`);
    const perf = Math.round((lhr.categories.performance?.score ?? 0) * 100);
    const a11y = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
    const requests =
      (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string }[] })
        ?.items ?? [];
    const scripts = requests
      .filter((r) => r.resourceType === 'Script' && r.url.startsWith(base))
      .map((r) => r.url);
    const js = await gzipBytesOf(scripts);
    const failed = Object.values(lhr.audits)
      .filter(
        (a) =>
          a.score !== null &&
          a.score < 0.9 &&
          (lhr.categories.accessibility?.auditRefs ?? []).some((r) => r.id === a.id && r.weight > 0),
      )
      .map((a) => a.id);
    const m = (id: string) => lhr.audits[id]?.displayValue ?? '';
    console.log(
      `web bench: FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`,
    );
    if (failed.length > 0) console.log(`web bench: accessibility audits below 0.9: ${failed.join(', ')}`);
    await browser.disconnect();
    return [
      {
        name: `Lighthouse performance, Overview (desktop, median of ${lhrs.length})`,
        value: perf,
        unit: 'score',
        target: '≥ 90',
        pass: perf >= 90,
      },
      {
        name: 'Lighthouse accessibility, Overview',
        value: a11y,
        unit: 'score',
        target: '≥ 95',
        pass: a11y >= 95,
      },
      {
        name: `First-load JavaScript, Overview (${js.files} files, gzip)`,
        value: Math.round((js.bytes / 1024) * 10) / 10,
        unit: 'KB',
        target: '≤ 200 KB',
        pass: js.files > 0 && js.bytes <= 200 * 1024,
      },
    ];
  } finally {
    chrome.kill();
    await stack?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchWeb().then(
    (r) => console.table(r),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
