/**
 * Lambda bundles: every deployed function (the non-local routes of ROUTES and the WORKERS) bundled
 * with esbuild exactly as `HouseFunction` bundles it (`HOUSE_ESBUILD` plus the worker's
 * `bundleExtras`), then
 *   - its minified size (the `index.mjs` Lambda loads, without the separate source map), target ≤ 1 MB;
 *   - its cold import time: a fresh Node process (this Node, 22) with the Lambda's `NODE_OPTIONS`
 *     imports the bundle; the median of three such processes, target ≤ 150 ms.
 * Packages a worker ships beside its bundle (the native canvas add-on) resolve from the repository's
 * node_modules, since the bundles are written under the repository's `tmp/`.
 *
 * `npx tsx bench/functions.ts` runs it standalone and prints the figures.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROUTES, WORKERS } from '@cxl/functions/routes';
import { build } from 'esbuild';
import { HOUSE_ESBUILD } from '../cdk/lib/constructs/house-function';
import { handlerEntry, REPO_ROOT } from '../cdk/lib/paths';
import { DEFAULT_WORKER_SETTINGS, ROUTE_SETTINGS, WORKER_SETTINGS } from '../cdk/lib/wiring';
import type { BenchResult } from './figures';

const SIZE_TARGET_KB = 1024;
const IMPORT_TARGET_MS = 150;
/** Fresh processes per function; the median is reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_FUNCTIONS_RUNS ?? 3));

/** What the functions' `config.ts` needs at import; nothing is called over the network. */
const LAMBDA_ENV = {
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'bench-table',
  AUTH_MODE: 'cognito',
  COGNITO_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
  COGNITO_CLIENT_ID: 'bench-client',
  LOG_LEVEL: 'ERROR',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  // What the stacks bind (uploads, workers, schedules, mail): some modules check them at import.
  UPLOAD_BUCKET: 'bench-uploads',
  REPORTS_BUCKET: 'bench-reports',
  RECOMPUTE_FUNCTION_NAME: 'bench-recompute',
  REPORT_FUNCTION_NAME: 'bench-report',
  PUBLIC_URL: 'https://cx.example.com',
  SES_FROM: 'reports@cx.example.com',
  SES_CONFIGURATION_SET: 'bench',
  SCHEDULE_GROUP: 'bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/bench',
  REPORT_WORKER_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:bench-report',
  SCHEDULE_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:bench',
};

const IMPORT_SCRIPT =
  'const t = performance.now(); await import(process.env.BENCH_BUNDLE_URL); ' +
  'process.stdout.write(String(performance.now() - t));';

interface Unit {
  handler: string;
  externals: string[];
  define?: Record<string, string>;
}

function units(): Unit[] {
  const routes = ROUTES.filter((r) => !r.localOnly).map((r) => {
    const extras = ROUTE_SETTINGS[r.handler]?.bundleExtras;
    return {
      handler: r.handler,
      externals: [...(extras?.externalModules ?? [])],
      define: extras?.define ? { ...extras.define } : undefined,
    };
  });
  const workers = WORKERS.map((w) => {
    const extras = (WORKER_SETTINGS[w.handler] ?? DEFAULT_WORKER_SETTINGS).bundleExtras;
    return {
      handler: w.handler,
      externals: [...(extras?.externalModules ?? [])],
      define: extras?.define ? { ...extras.define } : undefined,
    };
  });
  return [...routes, ...workers];
}

function importOnce(bundle: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT], {
      env: { ...process.env, ...LAMBDA_ENV, BENCH_BUNDLE_URL: pathToFileURL(bundle).href },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(out.trim());
      if (code !== 0 || !Number.isFinite(ms))
        reject(
          new Error(
            `import of ${bundle} failed: ${err.trim().split('\n').slice(-6).join(' | ').slice(0, 600)}`,
          ),
        );
      else resolve(ms);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchFunctions(): Promise<BenchResult[]> {
  const base = join(REPO_ROOT, 'tmp');
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'bench-functions-'));
  const results: BenchResult[] = [];
  const sizes: number[] = [];
  const imports: number[] = [];
  try {
    for (const unit of units()) {
      const outfile = join(dir, unit.handler, 'index.mjs');
      await build({
        ...HOUSE_ESBUILD,
        banner: { ...HOUSE_ESBUILD.banner },
        mainFields: [...HOUSE_ESBUILD.mainFields],
        external: [...HOUSE_ESBUILD.external, ...unit.externals],
        define: unit.define,
        entryPoints: [handlerEntry(REPO_ROOT, unit.handler)],
        outfile,
        absWorkingDir: REPO_ROOT,
        logLevel: 'error',
      });
      const kb = (await stat(outfile)).size / 1024;
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await importOnce(outfile));
      const ms = median(runs);
      sizes.push(kb);
      imports.push(ms);
      results.push(
        {
          name: `function ${unit.handler}: bundle size (minified)`,
          value: Math.round(kb),
          unit: 'KB',
          target: `≤ ${SIZE_TARGET_KB} KB`,
          pass: kb <= SIZE_TARGET_KB,
        },
        {
          name: `function ${unit.handler}: cold import (fresh Node process, median of ${RUNS})`,
          value: Math.round(ms),
          unit: 'ms',
          target: `≤ ${IMPORT_TARGET_MS} ms`,
          pass: ms <= IMPORT_TARGET_MS,
        },
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const maxKb = Math.max(...sizes);
  const maxMs = Math.max(...imports);
  results.push(
    {
      name: `functions: largest bundle of ${sizes.length}`,
      value: Math.round(maxKb),
      unit: 'KB',
      target: `≤ ${SIZE_TARGET_KB} KB`,
      pass: maxKb <= SIZE_TARGET_KB,
    },
    {
      name: `functions: slowest cold import of ${imports.length}`,
      value: Math.round(maxMs),
      unit: 'ms',
      target: `≤ ${IMPORT_TARGET_MS} ms`,
      pass: maxMs <= IMPORT_TARGET_MS,
    },
  );
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await benchFunctions()) {
    console.log(
      `${r.pass ? 'pass' : 'FAIL'}  ${String(r.value).padStart(6)} ${r.unit.padEnd(3)} ${r.target.padEnd(10)} ${r.name}`,
    );
  }
}
