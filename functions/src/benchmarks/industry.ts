import { parse } from 'csv-parse/sync';
import type { BenchmarkRow } from '@cxl/shared/benchmarks/compare';
import { INDUSTRY_BENCHMARKS_CSV } from './industry-data';

const GRADES = new Set(['A', 'B', 'C', 'D']);
let cached: BenchmarkRow[] | null = null;

/**
 * The industry benchmark rows (methods §3.2), parsed once per process with csv-parse. A row whose value
 * is not a number or whose grade is not A–D is a dataset error and fails loudly (at the first request,
 * and in the unit test), never a silently missing benchmark.
 */
export function industryBenchmarks(): BenchmarkRow[] {
  if (cached) return cached;
  const records = parse<Record<string, string>>(INDUSTRY_BENCHMARKS_CSV, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  cached = records.map((r, i) => {
    const value = Number(r.value);
    const grade = r.conf ?? '';
    if (!Number.isFinite(value) || !GRADES.has(grade))
      throw new Error(`industry-benchmarks.csv line ${i + 2}: value "${r.value}" / grade "${grade}" invalid`);
    const year = /\d{4}/.exec(r.period ?? '');
    return {
      id: r.benchmark_id ?? '',
      metric: r.metric ?? '',
      value,
      unit: r.unit ?? '',
      industry: r.industry ?? '',
      geography: r.geography ?? '',
      period: r.period ?? '',
      year: year ? Number(year[0]) : null,
      source: r.source_org ?? '',
      sourceId: r.source_id ?? '',
      sourceUrl: r.source_url ?? '',
      grade: grade as BenchmarkRow['grade'],
      notes: r.notes ?? '',
    };
  });
  return cached;
}
