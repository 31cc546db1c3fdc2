import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateToDir, toCsv } from '../../../local/src/generate';
import { CSV_FILES, generateCompany, type GeneratedCompany } from '../../../shared/src/generator/index';

const SCALE = 0.1;

function hashOf(result: GeneratedCompany): string {
  const h = createHash('sha256');
  for (const f of CSV_FILES) h.update(toCsv(result.files[f]));
  h.update(JSON.stringify(result.initiatives));
  h.update(JSON.stringify(result.groundTruth));
  return h.digest('hex');
}

/** Month (UTC `YYYY-MM`) a row belongs to, per file. */
function rowMonth(file: (typeof CSV_FILES)[number], row: string[]): string {
  const utcMonth = (ts: string | undefined): string =>
    new Date(Date.parse(ts ?? '')).toISOString().slice(0, 7);
  switch (file) {
    case 'customers.csv':
      return row[3] ?? '';
    case 'revenue.csv':
      return row[1] ?? '';
    case 'fx-rates.csv':
      return row[0] ?? '';
    case 'contacts.csv':
      return utcMonth(row[4]);
    case 'survey-transactional.csv':
    case 'survey-relationship.csv':
      return utcMonth(row[file === 'survey-transactional.csv' ? 3 : 2]);
    case 'churn-events.csv':
      return row[1] ?? '';
    case 'operational-drivers.csv':
      return row[1] ?? '';
  }
}

function rowBu(file: (typeof CSV_FILES)[number], row: string[]): string {
  if (file === 'operational-drivers.csv') return row[0] ?? '';
  if (file === 'fx-rates.csv') return 'ALL';
  const id =
    file === 'survey-transactional.csv' || file === 'contacts.csv'
      ? row[2]
      : row[file === 'survey-relationship.csv' ? 1 : 0];
  return (id ?? '').slice(0, 3);
}

/** Multiset of rows per (file, BU, month), as sorted joined lines. */
function groups(result: GeneratedCompany): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of CSV_FILES) {
    for (const row of result.files[f].rows) {
      const key = `${f}|${rowBu(f, row)}|${rowMonth(f, row)}`;
      const list = out.get(key) ?? [];
      list.push(row.join(','));
      out.set(key, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

describe('generator determinism', () => {
  it('produces byte-identical output for the same seed and different output for another seed', () => {
    const a = hashOf(generateCompany({ seed: 5, scale: SCALE }));
    const b = hashOf(generateCompany({ seed: 5, scale: SCALE }));
    const c = hashOf(generateCompany({ seed: 6, scale: SCALE }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('differs from its twin (initiative off) only in SMB from 2024-01 onwards', () => {
    const on = groups(generateCompany({ seed: 9, scale: SCALE, initiative: true }));
    const off = groups(generateCompany({ seed: 9, scale: SCALE, initiative: false }));
    let comparedPre = 0;
    let differingPost = 0;
    for (const key of new Set([...on.keys(), ...off.keys()])) {
      const [file = '', bu = '', month = ''] = key.split('|');
      const same = JSON.stringify(on.get(key) ?? []) === JSON.stringify(off.get(key) ?? []);
      if (bu === 'SMB' && month >= '2024-01') {
        if (!same) differingPost += 1;
        continue;
      }
      expect(same, `${file} ${bu} ${month}`).toBe(true);
      if (bu === 'SMB') comparedPre += 1;
    }
    expect(comparedPre).toBeGreaterThan(50);
    expect(differingPost).toBeGreaterThan(20);
  });

  it('writes every upload file with its header line through the CLI helper', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxl-gen-'));
    try {
      const truth = await generateToDir(dir, { seed: 2, scale: 0.05 });
      const written = readdirSync(dir).sort();
      expect(written).toEqual([...CSV_FILES, 'ground_truth.json', 'initiatives.json'].sort());
      const revenue = readFileSync(join(dir, 'revenue.csv'), 'utf8');
      expect(revenue.startsWith('customer_id,month,revenue,currency\n')).toBe(true);
      expect(revenue.endsWith('\n')).toBe(true);
      expect(revenue.includes('\r')).toBe(false);
      expect(revenue.split('\n').length - 2).toBe(truth.counts['revenue.csv']);
      const gt = JSON.parse(readFileSync(join(dir, 'ground_truth.json'), 'utf8')) as { seed: number };
      expect(gt.seed).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
