import { generateCompany, type GeneratedCompany, type GenerateOptions } from '@cxl/shared/generator/index';
import {
  KIND_SPECS,
  mapHeader,
  RowError,
  scopeMonthOfMs,
  type DriverRow,
  type InputKind,
  type RowByKind,
} from '@cxl/shared/contracts/inputs';
import type { Facts } from '@cxl/shared/views/metric-views';

export interface CompanyFixture {
  facts: Facts;
  operationalDrivers: DriverRow[];
  company: GeneratedCompany;
}

const FILE_OF: Record<InputKind, string> = {
  customers: 'customers.csv',
  revenue: 'revenue.csv',
  'fx-rates': 'fx-rates.csv',
  contacts: 'contacts.csv',
  'survey-transactional': 'survey-transactional.csv',
  'survey-relationship': 'survey-relationship.csv',
  'churn-events': 'churn-events.csv',
  'operational-drivers': 'operational-drivers.csv',
};

/** Rows of one generated file parsed like the upload processor does: invalid and duplicate rows dropped. */
function rowsOf<K extends InputKind>(company: GeneratedCompany, kind: K): RowByKind[K][] {
  const table = (company.files as Record<string, { header: string[]; rows: string[][] }>)[FILE_OF[kind]];
  if (!table) return [];
  const spec = KIND_SPECS[kind];
  const { indexOf } = mapHeader(kind, table.header);
  const seen = new Set<string>();
  const out: RowByKind[K][] = [];
  for (const rec of table.rows) {
    const cells: Record<string, string | undefined> = {};
    for (const [name, idx] of Object.entries(indexOf)) cells[name] = rec[idx];
    let row: RowByKind[K];
    try {
      row = spec.parse(cells, { decimal: '.' });
    } catch (e) {
      if (e instanceof RowError) continue;
      throw e;
    }
    if (spec.uniqueKey) {
      const k = spec.uniqueKey(row);
      if (seen.has(k)) continue;
      seen.add(k);
    }
    out.push(row);
  }
  return out;
}

const cache = new Map<string, CompanyFixture>();

/**
 * The synthetic company of methods §5 as the product's analytics see it after ingestion (same parsers,
 * same quarantine of invalid and duplicate rows), without a database. Cached per options in-process.
 */
export function companyFacts(opts: GenerateOptions): CompanyFixture {
  const key = JSON.stringify(opts);
  const hit = cache.get(key);
  if (hit) return hit;
  const company = generateCompany(opts);
  const customers = rowsOf(company, 'customers');
  const buOf = new Map(customers.map((c) => [c.customerId, c.bu]));
  const withBu = <T extends { customerId: string }>(rows: T[]) =>
    rows.flatMap((r) => {
      const bu = buOf.get(r.customerId);
      return bu === undefined ? [] : [{ ...r, scopeBu: bu }];
    });
  const revenue = withBu(rowsOf(company, 'revenue'));
  const contacts = withBu(rowsOf(company, 'contacts'));
  const facts: Facts = {
    reportingCurrency: 'USD',
    customers,
    revenue,
    revenueCoverage: new Set(revenue.map((r) => `${r.scopeBu}#${r.month}`)),
    fx: rowsOf(company, 'fx-rates'),
    contacts,
    txnSurveys: withBu(rowsOf(company, 'survey-transactional')),
    relSurveys: withBu(rowsOf(company, 'survey-relationship')),
    churnEvents: rowsOf(company, 'churn-events'),
    cutoffMs: contacts.reduce((m, c) => Math.max(m, c.firstResponseMs ?? c.createdMs), 0),
  };
  const fixture = { facts, operationalDrivers: rowsOf(company, 'operational-drivers'), company };
  cache.set(key, fixture);
  return fixture;
}

/** Drops the cached fixtures (scripts that walk many seeds). */
export function clearCompanyFacts(): void {
  cache.clear();
}

/** Month (UTC) of a timestamp, re-exported for fixtures. */
export const monthOf = scopeMonthOfMs;
