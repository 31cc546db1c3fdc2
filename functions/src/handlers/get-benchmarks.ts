import {
  compareToBenchmarks,
  matchBenchmarks,
  periodShape,
  previousPeriodOf,
  type OwnPoint,
} from '@cxl/shared/benchmarks/compare';
import { benchmarksQuerySchema } from '@cxl/shared/contracts/benchmarks';
import { PER_CHANNEL, type MetricPoint } from '@cxl/shared/views/metric-views';
import { batchGet } from '../adapters/dynamo';
import { industryBenchmarks } from '../benchmarks/industry';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { keys } from '../repositories/keys';
import { getTargets } from '../repositories/targets';
import { currentMetricItem, getMetaView, getMetricsGeneration } from '../repositories/views';

const own = (p: MetricPoint | undefined): OwnPoint | null =>
  p
    ? {
        value: p.value,
        low: p.low,
        high: p.high,
        n: p.n,
        status: p.status,
        ...(p.reason ? { reason: p.reason } : {}),
      }
    : null;

/**
 * GET /api/benchmarks?metric&industry&bu&period&channel: the industry benchmark rows (source, year,
 * grade) and, with `metric`, each business unit's own value for the period (n, interval, status) against
 * the benchmark, its target, the previous period and the other BUs (shared/src/benchmarks/compare.ts).
 * Reads the published metric views only (one batch get).
 */
export const handler = httpRoute('get-benchmarks', { query: benchmarksQuerySchema }, async ({ query }) => {
  const all = industryBenchmarks();
  const [meta, gen, targets] = await Promise.all([getMetaView(), getMetricsGeneration(), getTargets()]);
  const base = {
    targetsVersion: targets.version,
    computedAt: gen?.computedAt ?? null,
    inputHash: gen?.inputHash ?? null,
    evidenceClass: 'external-benchmark' as const,
  };
  const unverified = (g: string) => g === 'C' || g === 'D';
  if (!query.metric) {
    const industry = query.industry?.toLowerCase();
    const rows = all.filter((r) => !industry || r.industry.toLowerCase().includes(industry));
    return {
      body: { ...base, rows: rows.map((r) => ({ ...r, unverified: unverified(r.grade) })), comparison: null },
    };
  }
  const metric = query.metric;
  if (PER_CHANNEL.has(metric) && !query.channel)
    throw new ValidationError(`${metric} is reported per contact channel: add channel (e.g. channel=phone).`);
  if (!PER_CHANNEL.has(metric) && query.channel)
    throw new ValidationError(`${metric} is not reported per channel: remove channel.`);
  const period = query.period ?? meta?.lastMonth ?? null;
  const rowsFor = (months: number) =>
    matchBenchmarks(all, metric, {
      months,
      ...(query.industry ? { industry: query.industry } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
    }).map(({ comparableValue: _c, comparability: _k, caveat: _v, ...r }) => r);
  if (!period || !meta) return { body: { ...base, rows: rowsFor(1), comparison: null } };
  const { grain, months } = periodShape(period);
  const previousPeriod = previousPeriodOf(period);
  const bus = ['ALL', ...meta.businessUnits.map((b) => b.id)];
  if (query.bu && !bus.includes(query.bu))
    throw new ValidationError(`Unknown business unit ${query.bu}: use one of ${bus.join(', ')}.`);
  const sk = query.channel ? `${metric}#${query.channel}` : metric;
  const items = await batchGet(bus.map((bu) => ({ pk: keys.metricViewPk(bu, grain), sk })));
  const units = bus.map((bu) => {
    const stored = items.find((i) => i.pk === keys.metricViewPk(bu, grain));
    const item = stored ? currentMetricItem(stored, gen) : null;
    const points = (item?.points ?? []) as MetricPoint[];
    return {
      bu,
      current: own(points.find((p) => p.period === period)),
      previous: own(points.find((p) => p.period === previousPeriod)),
    };
  });
  const comparison = compareToBenchmarks({
    metric,
    period,
    ...(query.channel ? { channel: query.channel } : {}),
    units,
    previousPeriod,
    benchmarks: all,
    ...(query.industry ? { industry: query.industry } : {}),
    targets: targets.targets,
  });
  return {
    body: {
      ...base,
      rows: rowsFor(months),
      comparison: {
        ...comparison,
        units: query.bu ? comparison.units.filter((u) => u.bu === query.bu) : comparison.units,
      },
    },
  };
});
