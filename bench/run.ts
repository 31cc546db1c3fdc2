/**
 * `npm run bench`: speed and memory figures with their targets. Prints a table and writes
 * bench/results.json as a list of {name, value, unit, target, pass}.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { readLocalOptions } from '../local/src/options';
import { startLocalStack } from '../local/src/stack';

interface Result {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}
const results: Result[] = [];
const record = (name: string, value: number, unit: string, target: string, pass: boolean) =>
  results.push({ name, value: Math.round(value * 100) / 100, unit, target, pass });

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

async function rawCsvRowsPerSecond(path: string): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const _ of createReadStream(path).pipe(parse())) n++;
  return n / ((performance.now() - t) / 1000);
}

const dataDir = await mkdtemp(join(tmpdir(), 'cxl-bench-'));
const o = readLocalOptions({ PORT: '0', LOG_LEVEL: 'WARN', DATA_DIR: dataDir, DEMO: 'off' });
const stack = await startLocalStack(o, () => undefined);
const { generateToDir } = await import('../local/src/generate');
const { ingestFile } = await import('../local/src/ingest-file');
const { DEMO_FILES } = await import('../local/src/seed');
const { runRecompute } = await import('@cxl/functions/recompute/run');
const { putSettings } = await import('@cxl/functions/repositories/settings');
const { api, login } = await import('../test/integration/support/stack');

const companyDir = join(dataDir, 'company');
let t = performance.now();
await generateToDir(companyDir, { seed: 42 });
record(
  'generate demo company (incl. twin run)',
  (performance.now() - t) / 1000,
  's',
  '≤ 20 s',
  performance.now() - t <= 20_000,
);

await putSettings({ reportingCurrency: 'USD', timeZone: 'UTC', locale: 'en', businessUnitNames: {} });
t = performance.now();
let rows = 0;
for (const [kind, file] of DEMO_FILES) {
  const r = await ingestFile(dataDir, kind, join(companyDir, file), 'bench');
  rows += r.rowsTotal;
}
const ingestS = (performance.now() - t) / 1000;
const ingestRate = rows / ingestS;
const rawRate = await rawCsvRowsPerSecond(join(companyDir, 'revenue.csv'));
record('ingest: rows/s (all demo files, dynalite)', ingestRate, 'rows/s', '≥ 20,000', ingestRate >= 20_000);
record(
  'ingest: ratio to raw csv-parse',
  ingestRate / rawRate,
  'ratio',
  '≥ 0.05',
  ingestRate / rawRate >= 0.05,
);
record(
  'ingest: peak RSS so far',
  process.memoryUsage().rss / 1e6,
  'MB',
  '≤ 1,500 MB',
  process.memoryUsage().rss <= 1.5e9,
);

t = performance.now();
await runRecompute({ force: true });
const recomputeS = (performance.now() - t) / 1000;
record('recompute at 1× (demo company)', recomputeS, 's', '≤ 15 s', recomputeS <= 15);

const token = await login(stack.url, 'cfo@demo.local');
for (const [label, path] of [
  ['GET /api/metrics (ALL, month, all metrics)', '/api/metrics?bu=ALL&grain=month'],
  ['GET /api/metrics (SMB, quarter, 3 metrics)', '/api/metrics?bu=SMB&grain=quarter&metric=nps,csat,churn'],
  ['GET /api/meta', '/api/meta'],
] as const) {
  const lat: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    const r = await api(stack.url, path, { token });
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    lat.push(performance.now() - s);
  }
  record(`${label} p50`, pct(lat, 0.5), 'ms', '—', true);
  record(`${label} p95`, pct(lat, 0.95), 'ms', '≤ 100 ms', pct(lat, 0.95) <= 100);
  record(`${label} p99`, pct(lat, 0.99), 'ms', '≤ 150 ms', pct(lat, 0.99) <= 150);
}
await stack.close();

// 1,000,000-row revenue file: rows/s, peak RSS, ratio to raw csv-parse (bench/ingest.ts).
const { benchIngest } = await import('./ingest');
for (const r of await benchIngest()) results.push(r);

const w = Math.max(...results.map((r) => r.name.length));
console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(12)}  unit      target        result`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(w)}  ${r.value.toLocaleString('en-US').padStart(12)}  ${r.unit.padEnd(8)}  ${r.target.padEnd(12)}  ${r.pass ? 'pass' : 'FALLS SHORT'}`,
  );
}
await writeFile(join(process.cwd(), 'bench', 'results.json'), JSON.stringify(results, null, 2));
console.log(`\nwrote bench/results.json (${results.length} figures; data in ${dataDir})`);
