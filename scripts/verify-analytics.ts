/**
 * `npm run verify:analytics`: the methods §5.7 acceptance tests T1–T5 and T8 over many generator
 * seeds (nightly-style; `npm test` runs them on one fixed seed). T6/T7 are deterministic and run
 * through the whole stack in test/integration/demo-company.test.ts.
 *
 *   npm run verify:analytics -- --seeds 20 --scale 1            (default: seeds 1…20, scale 1)
 *   npm run verify:analytics -- --seeds 3,7,11 --scale 0.5 --tests T1,T2,T4
 *   flags: --seeds N | a,b,c   --first S (with N: seeds S…S+N−1)   --scale x   --tests list
 *          --placebo (T4 no-initiative arm: one more company per seed)   --json file
 *
 * T8 generates two more companies per seed (price shock and its no-shock twin); T4's placebo arm one.
 * Prints one line per seed and test, then coverage per test.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  acceptanceT1,
  acceptanceT2,
  acceptanceT3,
  acceptanceT4,
  acceptanceT4Placebo,
  acceptanceT5,
  acceptanceT8,
} from '../test/support/acceptance';
import { clearCompanyFacts, companyFacts } from '../test/support/company';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '20' },
    first: { type: 'string', default: '1' },
    scale: { type: 'string', default: '1' },
    tests: { type: 'string', default: 'T1,T2,T3,T4,T5,T8' },
    placebo: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const seeds = values.seeds.includes(',')
  ? values.seeds.split(',').map(Number)
  : Array.from({ length: Number(values.seeds) }, (_, i) => Number(values.first) + i);
const scale = Number(values.scale);
const tests = new Set(values.tests.split(',').map((t) => t.trim().toUpperCase()));
if (seeds.some((s) => !Number.isInteger(s)) || !(scale > 0 && scale <= 5)) {
  console.error('--seeds must be a count or a comma list of integers; --scale must be in (0, 5]');
  process.exit(2);
}

type Row = Record<string, unknown> & { seed: number; test: string; pass: boolean };
const rows: Row[] = [];
const fmt = (x: unknown) =>
  typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(3)) : String(x);
const report = (row: Row) => {
  rows.push(row);
  const { seed, test, pass, ...rest } = row;
  console.log(
    `seed ${String(seed).padStart(3)} ${test.padEnd(10)} ${pass ? 'PASS' : 'FAIL'}  ` +
      Object.entries(rest)
        .map(([k, v]) => `${k}=${fmt(v)}`)
        .join(' '),
  );
};

const t0 = performance.now();
for (const seed of seeds) {
  const ts = performance.now();
  const fx = companyFacts({ seed, scale });
  if (tests.has('T1')) {
    const r = acceptanceT1(fx);
    report({
      seed,
      test: 'T1',
      pass: r.pass,
      cells: r.cells.length,
      covered: r.cells.filter((c) => c.covered).length,
      coverage: r.coverage,
      minN: Math.min(...r.cells.map((c) => c.n)),
      entJuly2023Null: r.entJuly2023?.value === null,
      missed:
        r.cells
          .filter((c) => !c.covered)
          .map(
            (c) =>
              `${c.bu}:${c.quarter}(n=${c.n},nps=${c.nps.toFixed(1)},ci=${c.low99.toFixed(1)}…${c.high99.toFixed(1)},pop=${c.population.toFixed(1)})`,
          )
          .join(';') || '-',
    });
  }
  if (tests.has('T2')) {
    const r = acceptanceT2(fx);
    report({
      seed,
      test: 'T2',
      pass: r.pass,
      amePp: r.totalPp,
      truthPp: r.truthTotalPp,
      errorPp: r.errorPp,
      sePp: r.totalSePp,
      directBiasPp: r.directBiasPp,
    });
  }
  if (tests.has('T3')) {
    const r = acceptanceT3(fx);
    report({
      seed,
      test: 'T3',
      pass: r.pass,
      ratio: r.ratio,
      low99: r.low99,
      high99: r.high99,
      population: r.population,
      covered: r.covered,
    });
  }
  if (tests.has('T4')) {
    const r = acceptanceT4(fx);
    report({
      seed,
      test: 'T4',
      pass: r.pass,
      tau: r.tau,
      se: r.se,
      twin: r.twin,
      within2_6se: r.withinBand,
      preTrendP: r.preTrendP,
      saved: r.churnersSaved,
      savedTruth: r.churnersSavedTruth,
      frtFcrPlanted: r.frtFcrPlanted,
    });
  }
  if (tests.has('T5')) {
    const r = acceptanceT5(fx);
    report({
      seed,
      test: 'T5',
      pass: r.pass,
      n: r.n,
      maxDeviation: r.maxDeviation,
      band: r.band,
      top3ok: r.top3.length === 3,
    });
  }
  clearCompanyFacts();
  if (tests.has('T4') && values.placebo) {
    const r = acceptanceT4Placebo(companyFacts({ seed, scale, initiative: false }));
    report({ seed, test: 'T4-placebo', pass: r.pass, tau: r.tau, se: r.se });
    clearCompanyFacts();
  }
  if (tests.has('T8')) {
    const shocked = companyFacts({ seed, scale, priceShock: true });
    const twin = companyFacts({ seed, scale });
    const r = acceptanceT8(shocked, twin);
    report({
      seed,
      test: 'T8',
      pass: r.pass,
      shockedFlagged: r.shockedFlagged,
      shockedShiftSe: r.shockedShiftInSe,
      twinFlagged: r.twinFlagged,
      twinShiftSe: r.twinShiftInSe,
    });
    clearCompanyFacts();
  }
  console.log(`seed ${seed} done in ${((performance.now() - ts) / 1000).toFixed(0)} s`);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.length - 1));
  return `mean ${mean.toFixed(3)} sd ${sd.toFixed(3)} min ${(s[0] ?? NaN).toFixed(3)} max ${(s[s.length - 1] ?? NaN).toFixed(3)}`;
};
console.log(
  `\nSummary: ${seeds.length} seeds at scale ${scale} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
for (const test of [...new Set(rows.map((r) => r.test))]) {
  const rs = rows.filter((r) => r.test === test);
  let extra = '';
  if (test === 'T1') {
    const cells = rs.reduce((a, r) => a + (r.cells as number), 0);
    const covered = rs.reduce((a, r) => a + (r.covered as number), 0);
    extra = `; pooled cell coverage ${covered}/${cells} = ${((100 * covered) / cells).toFixed(1)} % (criterion ≥ 97 %; with ~24 cells per seed a single seed passes only when every cell is covered, P ≈ 0.99^24 ≈ 0.79)`;
  }
  if (test === 'T2')
    extra = `; AME error (pp) ${stats(rs.map((r) => r.errorPp as number))}; direct bias (pp) ${stats(rs.map((r) => r.directBiasPp as number))}`;
  if (test === 'T3')
    extra = `; 99 % CI covers population in ${rs.filter((r) => r.covered).length}/${rs.length}`;
  if (test === 'T4')
    extra = `; τ − twin within 2.6 SE in ${rs.filter((r) => r.within2_6se).length}/${rs.length}; (τ − twin)/SE ${stats(rs.map((r) => ((r.tau as number) - (r.twin as number)) / (r.se as number)))}`;
  if (test === 'T4-placebo')
    extra = `; |τ| ≤ 2.6 SE in ${rs.filter((r) => r.pass).length}/${rs.length} (criterion ≥ 95 %)`;
  if (test === 'T5') extra = `; max share deviation ${stats(rs.map((r) => r.maxDeviation as number))}`;
  if (test === 'T8')
    extra = `; flagged with shock ${rs.filter((r) => r.shockedFlagged).length}/${rs.length}, flagged on twin ${rs.filter((r) => r.twinFlagged).length}/${rs.length}`;
  console.log(`${test.padEnd(10)} pass ${rs.filter((r) => r.pass).length}/${rs.length}${extra}`);
}
if (values.json) await writeFile(values.json, JSON.stringify({ scale, seeds, rows }, null, 2));
