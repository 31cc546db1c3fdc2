/**
 * `npm run bench`: runs every bench module `bench/<area>.ts` (each exports `bench<Area>()`, see
 * bench/figures.ts), prints one table and writes bench/results.json as a list of
 * {name, value, unit, target, pass}.
 *
 * A module that is not there yet is reported as "not present" and skipped; a module that throws is
 * recorded as one failed figure and the run goes on. `BENCH_ONLY=api,load npm run bench` runs a subset
 * (and then merges its figures into the existing results.json, replacing that area's earlier figures).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult } from './figures';

/** The bench modules, in the order they run. */
export const AREAS = [
  'ingest',
  'recompute',
  'what-if',
  'api',
  'load',
  'reports',
  'web',
  'functions',
] as const;

const here = dirname(fileURLToPath(import.meta.url));
const exportName = (area: string) =>
  `bench${area.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase())}`;

interface AreaResult extends BenchResult {
  /** Which module produced the figure (kept in results.json so a partial run can merge). */
  area: string;
}

async function runArea(area: string): Promise<AreaResult[] | 'not present'> {
  const file = join(here, `${area}.ts`);
  if (!existsSync(file)) return 'not present';
  const t0 = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const fn = mod[exportName(area)] as BenchModule | undefined;
    if (typeof fn !== 'function') throw new Error(`bench/${area}.ts does not export ${exportName(area)}()`);
    const figures = await fn();
    console.log(
      `bench ${area}: ${figures.length} figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return figures.map((f) => ({ ...f, area }));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`bench ${area} failed: ${message}`);
    return [
      {
        area,
        name: `${area} bench failed: ${message.split('\n')[0]?.slice(0, 160) ?? ''}`,
        value: NaN,
        unit: '—',
        target: 'runs',
        pass: false,
      },
    ];
  }
}

function printTable(rows: readonly BenchResult[]): void {
  const w = Math.min(90, Math.max(9, ...rows.map((r) => r.name.length)));
  console.log(
    `\n${'benchmark'.padEnd(w)}  ${'value'.padStart(14)}  ${'unit'.padEnd(8)}  ${'target'.padEnd(14)}  result`,
  );
  for (const r of rows) {
    const value = Number.isFinite(r.value) ? r.value.toLocaleString('en-US') : '—';
    console.log(
      `${r.name.slice(0, w).padEnd(w)}  ${value.padStart(14)}  ${r.unit.padEnd(8)}  ${r.target.padEnd(14)}  ${r.pass ? 'pass' : 'FALLS SHORT'}`,
    );
  }
}

async function main(): Promise<void> {
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((a) => !(AREAS as readonly string[]).includes(a));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY names unknown areas: ${unknown.join(', ')} (known: ${AREAS.join(', ')})`);
  const areas = only.length > 0 ? AREAS.filter((a) => only.includes(a)) : [...AREAS];

  const results: AreaResult[] = [];
  for (const area of areas) {
    const r = await runArea(area);
    if (r === 'not present') console.log(`bench ${area}: not present (bench/${area}.ts does not exist yet)`);
    else results.push(...r);
  }
  printTable(results);

  // A subset run keeps the other areas' figures from the last full run.
  const out = join(here, 'results.json');
  let merged: AreaResult[] = results;
  if (only.length > 0 && existsSync(out)) {
    const previous = JSON.parse(await readFile(out, 'utf8')) as AreaResult[];
    const kept = previous.filter(
      (p) => p.area !== undefined && !areas.includes(p.area as (typeof AREAS)[number]),
    );
    merged = [...kept, ...results].sort(
      (a, b) =>
        AREAS.indexOf(a.area as (typeof AREAS)[number]) - AREAS.indexOf(b.area as (typeof AREAS)[number]),
    );
  }
  // NaN (a failed module) is written as null.
  await writeFile(out, `${JSON.stringify(merged, null, 2)}\n`);
  const short = results.filter((r) => !r.pass).length;
  console.log(
    `\nwrote bench/results.json (${merged.length} figures; ${short} of this run's ${results.length} fall short)`,
  );
}

await main();
