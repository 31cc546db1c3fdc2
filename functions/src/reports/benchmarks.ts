import { compareToBenchmarks, previousPeriodOf, type OwnPoint } from '@cxl/shared/benchmarks/compare';
import type { BenchmarkIn, SeriesIn, TargetIn } from '@cxl/shared/reports/model';
import { METRICS, type MetricId } from '@cxl/shared/views/metric-views';
import { industryBenchmarks } from '../benchmarks/industry';
import { getTargets } from '../repositories/targets';

const own = (p: SeriesIn['points'][number] | undefined): OwnPoint | null =>
  p
    ? {
        value: p.value,
        low: p.low,
        high: p.high,
        n: p.n,
        status: p.status as OwnPoint['status'],
        ...(p.reason ? { reason: p.reason } : {}),
      }
    : null;

/**
 * Industry benchmark and target of each headline metric for the report's unit and period, through the
 * same `compareToBenchmarks` as `GET /api/benchmarks` (best-graded, most recent matching row, converted
 * to the period length; the most specific target of the register). Metrics without a matching row or
 * target get none, and the report says so.
 */
export async function loadBenchmarks(
  bu: string,
  period: string | null,
  metrics: readonly string[],
  series: Record<string, SeriesIn[]>,
  /** The benchmark report states each row's comparability caveat; the others only the industry. */
  detailed = false,
): Promise<{ benchmarks: BenchmarkIn[]; targets: TargetIn[] }> {
  if (!period) return { benchmarks: [], targets: [] };
  const rows = industryBenchmarks();
  const { targets } = await getTargets();
  const previousPeriod = previousPeriodOf(period);
  const benchmarks: BenchmarkIn[] = [];
  const out: TargetIn[] = [];
  for (const metric of metrics) {
    if (!(METRICS as readonly string[]).includes(metric)) continue;
    const units = Object.entries(series).map(([unit, list]) => {
      const s = list.find((x) => x.metric === metric && !x.channel);
      return {
        bu: unit,
        current: own(s?.points.find((p) => p.period === period)),
        previous: own(s?.points.find((p) => p.period === previousPeriod)),
      };
    });
    const c = compareToBenchmarks({
      metric: metric as MetricId,
      period,
      units,
      previousPeriod,
      benchmarks: rows,
      targets,
    });
    const b = c.benchmark;
    if (b)
      benchmarks.push({
        metric,
        value: b.comparableValue,
        label: [b.industry, detailed ? b.caveat : null].filter(Boolean).join(' · '),
        source: b.source,
        year: b.year === null ? b.period : String(b.year),
        grade: b.grade,
        comparable: b.comparability === 'same',
      });
    const mine = c.units.find((u) => u.bu === bu);
    if (mine?.vsTarget) out.push({ metric, bu, value: mine.vsTarget.target.value });
  }
  return { benchmarks, targets: out };
}
