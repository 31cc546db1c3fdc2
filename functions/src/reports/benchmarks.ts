import type { BenchmarkIn, TargetIn } from '@cxl/shared/reports/model';

/**
 * Industry benchmarks and targets for a report's scope. Filled from the shared benchmark comparison
 * (`shared/src/benchmarks`) once it is available; until then reports state "no comparable benchmark".
 */
export function loadBenchmarks(_bu: string): Promise<{ benchmarks: BenchmarkIn[]; targets: TargetIn[] }> {
  return Promise.resolve({ benchmarks: [], targets: [] });
}
