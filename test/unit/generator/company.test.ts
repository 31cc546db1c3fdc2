import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUS,
  generateCompany,
  type CsvFileName,
  type GeneratedCompany,
  type GroundTruth,
} from '../../../shared/src/generator/index';
import type { LedgerPoint } from '../../../shared/src/generator/ledger';

let company: GeneratedCompany;
let truth: GroundTruth;

beforeAll(() => {
  company = generateCompany({ seed: 1 });
  truth = company.groundTruth;
});

function column(file: CsvFileName, name: string): number {
  const i = company.files[file].header.indexOf(name);
  if (i < 0) throw new Error(`${file} has no column ${name}`);
  return i;
}

function cell(file: CsvFileName, line: number, name: string): string | undefined {
  return company.files[file].rows[line - 2]?.[column(file, name)];
}

describe('synthetic company volumes', () => {
  it('starts with 3,000 / 7,000 / 10,000 customers whose start months lie in 2018-01 … 2022-12', () => {
    const rows = company.files['customers.csv'].rows;
    const initial = rows.filter((r) => (r[3] ?? '') < '2023-01');
    for (const [bu, n] of [
      ['ENT', 3000],
      ['SMB', 7000],
      ['CON', 10000],
    ] as const) {
      expect(initial.filter((r) => r[1] === bu).length).toBe(n);
    }
    expect(initial.every((r) => (r[3] ?? '') >= '2018-01')).toBe(true);
    expect(new Set(initial.map((r) => r[3])).size).toBe(60);
  });

  it('has row counts in the expected ranges', () => {
    const c = truth.counts;
    expect(c['revenue.csv']).toBeGreaterThan(440_000);
    expect(c['revenue.csv']).toBeLessThan(520_000);
    expect(truth.volumes.issues).toBeGreaterThan(140_000);
    expect(truth.volumes.issues).toBeLessThan(185_000);
    expect(c['contacts.csv']).toBeGreaterThan(190_000);
    expect(c['contacts.csv']).toBeLessThan(260_000);
    expect(c['survey-transactional.csv']).toBeGreaterThan(45_000);
    expect(c['survey-transactional.csv']).toBeLessThan(65_000);
    expect(c['survey-relationship.csv']).toBeGreaterThan(10_500);
    expect(c['survey-relationship.csv']).toBeLessThan(14_000);
    expect(c['fx-rates.csv']).toBe(24);
    expect(c['operational-drivers.csv']).toBe(3 * 24 * 2);
    expect(truth.volumes.driverModuleResponses).toBeGreaterThan(2_400);
    expect(truth.volumes.driverModuleResponses).toBeLessThan(3_600);
  });

  it('writes exactly one revenue row per customer and month', () => {
    const buIndex: Record<string, number> = { ENT: 0, SMB: 1, CON: 2 };
    const seen = new Set<number>();
    let duplicates = 0;
    for (const [id = '', month = ''] of company.files['revenue.csv'].rows) {
      const key =
        (Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7))) * 1e8 +
        (buIndex[id.slice(0, 3)] ?? 9) * 1e7 +
        Number(id.slice(4));
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
    }
    expect(duplicates).toBe(0);
    expect(seen.size).toBe(truth.counts['revenue.csv']);
  });
});

describe('synthetic company calibration', () => {
  it('hits the relationship NPS targets within ±4 points', () => {
    for (const bu of BUS) {
      const c = truth.calibration.bu[bu];
      const target = truth.calibration.targets[bu].nps;
      expect(Math.abs(c.npsRespondents - target)).toBeLessThanOrEqual(4);
      expect(Math.abs(c.npsPopulationPre - target)).toBeLessThanOrEqual(4);
    }
  });

  it('hits the transactional T2B targets within ±2 pp', () => {
    for (const bu of BUS) {
      const c = truth.calibration.bu[bu];
      const target = truth.calibration.targets[bu].t2b;
      expect(Math.abs(c.t2bPopulationPre - target)).toBeLessThanOrEqual(0.02);
      expect(Math.abs(c.t2bRespondentsPre - target)).toBeLessThanOrEqual(0.02);
    }
  });

  it('resolves about 70 % of contacts (±3 pp), by agent flag and by the 7-day repeat rule', () => {
    expect(Math.abs(truth.calibration.fcrResolvedPreAll - 0.7)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(truth.calibration.fcr7dPreAll - 0.7)).toBeLessThanOrEqual(0.03);
  });

  it('churns about 1.0 / 2.1 / 3.3 % per month (±0.4 pp) in the pre-period', () => {
    const target = { ENT: 0.01, SMB: 0.021, CON: 0.033 };
    for (const bu of BUS) {
      expect(Math.abs(truth.calibration.bu[bu].monthlyChurnPre - target[bu])).toBeLessThanOrEqual(0.004);
    }
  });

  it('publishes the calibrated μ_b and a_b', () => {
    for (const bu of BUS) {
      expect(truth.parameters.calibrated.mu[bu]).toBe(truth.parameters.bu[bu].mu);
      expect(Number.isFinite(truth.parameters.calibrated.csatOffset[bu])).toBe(true);
    }
  });
});

describe('synthetic company planted effects', () => {
  it('publishes a negative FRT effect on T2B, total larger than direct (E1)', () => {
    expect(truth.E1.all.total).toBeLessThan(-0.03);
    expect(truth.E1.all.total).toBeGreaterThan(-0.08);
    expect(truth.E1.all.direct).toBeLessThan(0);
    expect(truth.E1.all.total).toBeLessThan(truth.E1.all.direct);
  });

  it('publishes 90-day churn ratios with D > N > P and D/P attenuated below 2.8 (E2)', () => {
    const pop = truth.E2.population90d.ALL;
    expect(pop.ratioDtoP).toBeGreaterThan(2);
    expect(pop.ratioDtoP).toBeLessThan(3.5);
    expect(pop.ratioNtoP).toBeGreaterThan(1);
    expect(pop.ratioNtoP ?? 0).toBeLessThan(pop.ratioDtoP ?? 0);
  });

  it('publishes a twin-run ATT on SMB churn near log 0.8 (E4)', () => {
    const att = truth.E4.att;
    expect(att.logRateRatio).toBeLessThan(-0.12);
    expect(att.logRateRatio).toBeGreaterThan(-0.35);
    expect(att.churnersSaved).toBeGreaterThan(150);
    expect(att.frtMedianRatio.chat).toBeCloseTo(0.6, 1);
    expect(att.frtMedianRatio.phone).toBeCloseTo(1, 2);
    expect(att.fcrFirstContact).toBeGreaterThan(0.03);
    expect(att.t2bPopulation).toBeGreaterThan(0.01);
    expect(att.revenueSavedUsd).toBeGreaterThan(0);
  });

  it('publishes the continuous LMG shares of methods.md and their discretised counterparts (E5)', () => {
    const cont = truth.E5.continuous.lmgShares;
    expect(Math.abs(cont.response_time - 0.322)).toBeLessThan(0.002);
    expect(Math.abs(cont.website_ease - 0.057)).toBeLessThan(0.002);
    const disc = truth.E5.discretised.lmgShares;
    expect(Math.abs(disc.response_time - cont.response_time)).toBeLessThan(0.01);
  });

  it('relates the stock-out rate negatively to the BU-month mean product-availability rating', () => {
    const pts = truth.operationalDrivers.points.filter((p) => p.meanProductAvailability !== null);
    expect(pts.length).toBe(24);
    const xs = pts.map((p) => p.meanProductAvailability ?? 0);
    const ys = pts.map((p) => p.stockoutRate);
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = ys.reduce((s, y) => s + y, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * ((ys[i] ?? 0) - my);
      sxx += (x - mx) ** 2;
    });
    expect(sxy / sxx).toBeLessThan(0);
  });
});

describe('synthetic company data-quality injections (E8)', () => {
  it('finds every manifest entry at its row, column and value', () => {
    expect(truth.E8.manifest.length).toBeGreaterThan(1000);
    for (const d of truth.E8.manifest) {
      if (d.row === null) continue;
      expect(d.column).not.toBeNull();
      expect(cell(d.file, d.row, d.column ?? '')).toBe(d.value);
    }
  });

  it('injects every defect kind of methods §5.6', () => {
    const s = truth.E8.summary;
    for (const kind of [
      'empty-survey-month',
      'small-cell-segment',
      'right-censored-frt',
      'duplicate-response',
      'out-of-range-value',
      'non-integer-ltr',
      'missing-finance-upload',
      'negative-revenue-credit',
      'currency-eur',
      'winback',
      'timezone-local-month-differs',
    ] as const) {
      expect(s[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    expect(s['small-cell-segment']).toBe(40);
  });

  it('duplicates responses as exact copies with the same response_id', () => {
    const dups = truth.E8.manifest.filter((d) => d.defect === 'duplicate-response');
    for (const d of dups) {
      const rows = company.files[d.file].rows;
      const line = d.row ?? 0;
      expect(rows[line - 2]).toEqual(rows[line - 3]);
      expect(rows[line - 2]?.[0]).toBe(d.value);
    }
    const txn = company.files['survey-transactional.csv'].rows.length;
    const txnDups = dups.filter((d) => d.file === 'survey-transactional.csv').length;
    expect(txnDups / txn).toBeGreaterThan(0.003);
    expect(txnDups / txn).toBeLessThan(0.007);
  });

  it('censors about 3 % of e-mail tickets created in the last week of 2024-12', () => {
    const ch = column('contacts.csv', 'channel');
    const created = column('contacts.csv', 'created_at');
    const first = column('contacts.csv', 'first_response_at');
    const lastWeek = Date.parse('2024-12-25T00:00:00Z');
    const emails = company.files['contacts.csv'].rows.filter(
      (r) => r[ch] === 'email' && Date.parse(r[created] ?? '') >= lastWeek,
    );
    const censored = emails.filter((r) => r[first] === '').length;
    expect(censored / emails.length).toBeGreaterThan(0.015);
    expect(censored / emails.length).toBeLessThan(0.05);
    const allCensored = company.files['contacts.csv'].rows.filter((r) => r[first] === '').length;
    expect(allCensored).toBe(censored);
  });

  it('has no ENT relationship responses in 2023-07 and responses in every other ENT month', () => {
    const rows = company.files['survey-relationship.csv'].rows;
    const entMonths = new Set(
      rows
        .filter((r) => (r[1] ?? '').startsWith('ENT-'))
        .map((r) => new Date(Date.parse(r[2] ?? '')).toISOString().slice(0, 7)),
    );
    expect(entMonths.has('2023-07')).toBe(false);
    expect(entMonths.size).toBe(23);
  });

  it('has no CON revenue rows for 2024-06', () => {
    const rows = company.files['revenue.csv'].rows;
    expect(rows.some((r) => (r[0] ?? '').startsWith('CON-') && r[1] === '2024-06')).toBe(false);
    expect(rows.some((r) => (r[0] ?? '').startsWith('CON-') && r[1] === '2024-05')).toBe(true);
    expect(rows.some((r) => (r[0] ?? '').startsWith('ENT-') && r[1] === '2024-06')).toBe(true);
  });

  it('writes west-coast CON timestamps with a −08:00 offset and month-boundary cases', () => {
    const created = column('contacts.csv', 'created_at');
    const west = company.files['contacts.csv'].rows.filter((r) => (r[created] ?? '').endsWith('-08:00'));
    expect(west.every((r) => (r[2] ?? '').startsWith('CON-'))).toBe(true);
    const boundary = truth.E8.manifest.filter((d) => d.defect === 'timezone-local-month-differs');
    for (const d of boundary) {
      const local = d.value.slice(0, 7);
      const utc = new Date(Date.parse(d.value)).toISOString().slice(0, 7);
      expect(local).not.toBe(utc);
    }
    expect(boundary.length).toBeGreaterThan(20);
  });

  it('bills about 10 % of ENT customers in EUR and publishes a rate for every month', () => {
    const eurCustomers = new Set(
      company.files['revenue.csv'].rows.filter((r) => r[3] === 'EUR').map((r) => r[0]),
    );
    const ent = company.files['customers.csv'].rows.filter((r) => r[1] === 'ENT').length;
    expect([...eurCustomers].every((id) => (id ?? '').startsWith('ENT-'))).toBe(true);
    expect(eurCustomers.size / ent).toBeGreaterThan(0.07);
    expect(eurCustomers.size / ent).toBeLessThan(0.13);
    expect(company.files['fx-rates.csv'].rows.every((r) => /^\d\.\d{4}$/.test(r[2] ?? ''))).toBe(true);
  });
});

describe('synthetic company ledger (E6)', () => {
  const scopes = ['ENT', 'SMB', 'CON', 'ALL'] as const;

  it('satisfies E − N = S − C in every BU-month and chains E(t−1) = S(t)', () => {
    for (const scope of scopes) {
      const months = Object.keys(truth.E6.ledger[scope]).sort();
      expect(months.length).toBe(23);
      let previous: LedgerPoint | undefined;
      for (const m of months) {
        const p = truth.E6.ledger[scope][m];
        if (!p) throw new Error(`missing ${scope} ${m}`);
        expect(p.endActive - p.newCustomers).toBe(p.startActive - p.churned);
        if (previous) expect(p.startActive).toBe(previous.endActive);
        previous = p;
      }
    }
  });

  it('sums the BUs to ALL for counts and minor units', () => {
    for (const m of Object.keys(truth.E6.ledger.ALL)) {
      const all = truth.E6.ledger.ALL[m];
      const parts = BUS.map((bu) => truth.E6.ledger[bu][m]);
      if (!all || parts.some((p) => !p)) throw new Error(`missing month ${m}`);
      const sum = (f: (p: LedgerPoint) => number | null): number | null => {
        let total = 0;
        for (const p of parts) {
          const v = p ? f(p) : null;
          if (v === null) return null;
          total += v;
        }
        return total;
      };
      expect(all.startActive).toBe(sum((p) => p.startActive));
      expect(all.churned).toBe(sum((p) => p.churned));
      expect(all.newCustomers).toBe(sum((p) => p.newCustomers));
      expect(all.endActive).toBe(sum((p) => p.endActive));
      expect(all.revenueMinor).toBe(sum((p) => p.revenueMinor));
      expect(all.startMinor1m).toBe(sum((p) => p.startMinor1m));
      expect(all.endMinor1m).toBe(sum((p) => p.endMinor1m));
      expect(all.startMinor12m).toBe(sum((p) => p.startMinor12m));
      expect(all.endMinor12m).toBe(sum((p) => p.endMinor12m));
    }
  });

  it('marks the missing CON 2024-06 finance month incomplete in CON and ALL only', () => {
    expect(truth.E6.ledger.CON['2024-06']?.revenueIncomplete).toBe(true);
    expect(truth.E6.ledger.CON['2024-06']?.revenueMinor).toBeNull();
    expect(truth.E6.ledger.CON['2024-07']?.incomplete1m).toBe(true);
    expect(truth.E6.ledger.CON['2024-07']?.nrr1m).toBeNull();
    expect(truth.E6.ledger.ALL['2024-06']?.grr12m).toBeNull();
    expect(truth.E6.ledger.ENT['2024-06']?.revenueIncomplete).toBe(false);
    expect(truth.E6.ledger.ENT['2024-07']?.nrr1m).not.toBeNull();
    expect(truth.E6.ledger.CON['2024-08']?.grr1m).not.toBeNull();
  });

  it('matches an independent parse of the written revenue and fx rows', () => {
    const rates = new Map(company.files['fx-rates.csv'].rows.map((r) => [r[0], parseFloat(r[2] ?? '')]));
    let entMinor = 0;
    for (const r of company.files['revenue.csv'].rows) {
      if (r[1] !== '2024-03' || !(r[0] ?? '').startsWith('ENT-')) continue;
      const cents = Math.round(parseFloat(r[2] ?? '') * 100);
      entMinor += Math.round(cents * (r[3] === 'EUR' ? (rates.get('2024-03') ?? NaN) : 1));
    }
    expect(truth.E6.ledger.ENT['2024-03']?.revenueMinor).toBe(entMinor);
  });

  it('agrees with spells rebuilt from customers.csv and churn-events.csv', () => {
    const spells = new Map<string, { bu: string; start: string; end: string | null }[]>();
    for (const r of company.files['customers.csv'].rows) {
      spells.set(r[0] ?? '', [{ bu: r[1] ?? '', start: r[3] ?? '', end: null }]);
    }
    const events = [...company.files['churn-events.csv'].rows].sort((a, b) =>
      (a[1] ?? '') < (b[1] ?? '') ? -1 : 1,
    );
    for (const [id = '', churn = '', , winback = ''] of events) {
      const list = spells.get(id);
      const open = list?.find((s) => s.end === null);
      if (!list || !open) throw new Error(`churn without an open spell: ${id}`);
      open.end = churn;
      if (winback) list.push({ bu: open.bu, start: winback, end: null });
    }
    const activeAtEnd = (list: { start: string; end: string | null }[], m: string): boolean =>
      list.some((s) => s.start <= m && (s.end === null || s.end > m));
    for (const [prev, m] of [
      ['2023-01', '2023-02'],
      ['2023-12', '2024-01'],
      ['2024-05', '2024-06'],
      ['2024-11', '2024-12'],
    ] as const) {
      for (const bu of BUS) {
        let S = 0;
        let C = 0;
        let N = 0;
        let E = 0;
        for (const list of spells.values()) {
          if (list[0]?.bu !== bu) continue;
          if (activeAtEnd(list, prev)) {
            S += 1;
            if (list.some((s) => s.start <= prev && s.end === m)) C += 1;
          }
          if (list.some((s) => s.start === m)) N += 1;
          if (activeAtEnd(list, m)) E += 1;
        }
        const p = truth.E6.ledger[bu][m];
        expect(p && [p.startActive, p.churned, p.newCustomers, p.endActive]).toEqual([S, C, N, E]);
      }
    }
  });

  it('keeps GRR at or below NRR and within (0, 1]', () => {
    for (const scope of scopes) {
      for (const p of Object.values(truth.E6.ledger[scope])) {
        if (p.grr12m === null || p.nrr12m === null) continue;
        expect(p.grr12m).toBeGreaterThan(0);
        expect(p.grr12m).toBeLessThanOrEqual(1);
        expect(p.grr12m).toBeLessThanOrEqual(p.nrr12m);
      }
    }
  });

  it('retains more revenue from promoters than from detractors over 12 months', () => {
    const seg = truth.E6.segmentRetention12m.ALL['2023-03'];
    if (!seg) throw new Error('missing segment table');
    expect(seg.latent.promoter.nrr ?? 0).toBeGreaterThan(seg.latent.detractor.nrr ?? 0);
    const observedCustomers = Object.values(seg.observed).reduce((s, x) => s + x.customers, 0);
    const latentCustomers = Object.values(seg.latent).reduce((s, x) => s + x.customers, 0);
    expect(observedCustomers).toBe(latentCustomers);
  });
});
