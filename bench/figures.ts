/** One benchmark figure as `npm run bench` prints it and writes it to bench/results.json. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 256 MB"; "—" when the figure is informative only. */
  target: string;
  pass: boolean;
}

/**
 * A benchmark module: `bench/<area>.ts` exports one of these (e.g. `benchIngest`), and
 * `bench/run.ts` runs them in turn. Each module starts and stops what it needs itself.
 */
export type BenchModule = () => Promise<BenchResult[]>;
