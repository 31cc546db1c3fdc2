/**
 * Load bench: autocannon against the local host holding the demo company (seed 42, scale 1) for 30 s
 * at a fixed request rate (coordinated omission corrected), twice:
 *
 * - reads: every `GET` route with a JWT (path parameters from the company's data, as bench/api.ts),
 *   in turn, at BENCH_LOAD_READ_RATE requests/s (default 50);
 * - ingest: `POST /api/ingest/contacts` with 10 contact records per batch, each request with a unique
 *   Idempotency-Key and unique contact ids, at BENCH_LOAD_INGEST_RATE requests/s (default 10), against
 *   a throwaway copy of the company (the batches trigger recomputes, as in production).
 *
 * Reports throughput, p50/p99 latency, errors (connection errors and timeouts) and non-2xx answers.
 * Targets: 0 errors and 0 non-2xx; p99 < 100 ms for reads. BENCH_LOAD_SECONDS changes the duration,
 * BENCH_LOAD_PARTS=reads or =ingest runs one half.
 * `npx tsx bench/load.ts` runs it standalone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { readEndpoints, startCompanyHost } from './api';
import type { BenchResult } from './figures';

export type { BenchResult };

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const READ_RATE = Number(process.env.BENCH_LOAD_READ_RATE ?? 50);
const INGEST_RATE = Number(process.env.BENCH_LOAD_INGEST_RATE ?? 10);
const READ_P99_TARGET_MS = 100;
const BATCH = 10;
/** `reads`, `ingest` or both (default). */
const PARTS = (process.env.BENCH_LOAD_PARTS ?? 'reads,ingest').split(',');

const r2 = (x: number) => Math.round(x * 100) / 100;

function figures(label: string, res: autocannon.Result, p99Target: number | null): BenchResult[] {
  const errors = res.errors + res.timeouts;
  return [
    {
      name: `${label}: throughput`,
      value: r2(res.requests.average),
      unit: 'req/s',
      target: '—',
      pass: true,
    },
    { name: `${label}: p50 latency`, value: r2(res.latency.p50), unit: 'ms', target: '—', pass: true },
    {
      name: `${label}: p99 latency`,
      value: r2(res.latency.p99),
      unit: 'ms',
      target: p99Target === null ? '—' : `< ${p99Target} ms`,
      pass: p99Target === null || res.latency.p99 < p99Target,
    },
    { name: `${label}: errors and timeouts`, value: errors, unit: 'count', target: '0', pass: errors === 0 },
    {
      name: `${label}: non-2xx answers`,
      value: res.non2xx,
      unit: 'count',
      target: '0',
      pass: res.non2xx === 0,
    },
  ];
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err as Error) : resolve(res)));
    let shown = 0;
    instance.on('reqError', (e: Error) => {
      if (shown++ < 3) console.log(`load bench: request error: ${e.message}`);
    });
  });
}

export async function benchLoad(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // Reads against the prepared company.
  const host = await startCompanyHost(1);
  let customerIds: string[];
  try {
    if (PARTS.includes('reads')) {
      const { endpoints, skipped } = await readEndpoints(host);
      for (const s of skipped) console.log(`load bench: skipped ${s}`);
      const reads = await run({
        url: host.url,
        connections: 10,
        duration: SECONDS,
        overallRate: READ_RATE,
        headers: { authorization: `Bearer ${host.token}` },
        requests: endpoints.map((e) => ({ method: 'GET', path: e.path })),
      });
      results.push(
        ...figures(
          `load: ${endpoints.length} read endpoints at ${READ_RATE} req/s for ${SECONDS} s (${reads.requests.total} requests)`,
          reads,
          READ_P99_TARGET_MS,
        ),
      );
    }
    const customers = await readFile(join(host.dataDir, 'company', 'customers.csv'), 'utf8');
    customerIds = customers
      .split('\n')
      .slice(1, 2_001)
      .map((l) => l.split(',')[0] ?? '')
      .filter(Boolean);
  } finally {
    await host.stop();
  }

  if (!PARTS.includes('ingest')) return results;
  // JSON batches against a throwaway copy.
  const scratch = await startCompanyHost(1, { scratch: true });
  try {
    const run0 = Date.now().toString(36);
    let n = 0;
    const ingest = await run({
      url: scratch.url,
      connections: 5,
      duration: SECONDS,
      overallRate: INGEST_RATE,
      // A batch triggers a recompute (debounced 1 s) that runs in the local host's own process and
      // holds its event loop; 60 s lets the figures show that stall as latency instead of timeouts.
      timeout: 60,
      requests: [
        {
          method: 'POST',
          path: '/api/ingest/contacts',
          setupRequest: (req) => {
            const b = n++;
            const records = Array.from({ length: BATCH }, (_, i) => {
              const k = b * BATCH + i;
              return {
                contact_id: `LOAD-${run0}-${k}`,
                customer_id: customerIds[k % customerIds.length],
                channel: ['phone', 'chat', 'email'][k % 3],
                created_at: `2024-0${1 + (k % 9)}-15T10:${String(k % 60).padStart(2, '0')}:00Z`,
              };
            });
            return {
              ...req,
              headers: {
                ...req.headers,
                authorization: `Bearer ${scratch.token}`,
                'content-type': 'application/json',
                'idempotency-key': `load-${run0}-${b}`,
              },
              body: JSON.stringify({ records }),
            };
          },
        },
      ],
    });
    results.push(
      ...figures(
        `load: POST /api/ingest/contacts (${BATCH} records) at ${INGEST_RATE} req/s for ${SECONDS} s (${ingest.requests.total} requests)`,
        ingest,
        null,
      ),
    );
  } finally {
    await scratch.stop();
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await benchLoad()) console.log(JSON.stringify(r));
}
