import { metricsQuerySchema as querySchema } from '@cxl/shared/contracts/api';
import { monthsOfPeriod, type MetricSeries } from '@cxl/shared/views/metric-views';
import { queryPartition } from '../adapters/dynamo';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { keys } from '../repositories/keys';
import { currentMetricItem, getMetaView, getMetricsGeneration } from '../repositories/views';

/** GET /api/metrics: reads only the materialized views of the current generation (a query and a get). */
export const handler = httpRoute('get-metrics', { query: querySchema }, async ({ query }) => {
  if (query.from && query.to && query.from > query.to)
    throw new ValidationError('from must not be after to.');
  const [meta, gen] = await Promise.all([getMetaView(), getMetricsGeneration()]);
  const base = {
    currency: meta?.currency ?? null,
    definitionVersion: meta?.definitionVersion ?? null,
    computedAt: gen?.computedAt ?? null,
    inputHash: gen?.inputHash ?? null,
  };
  if (!meta) return { body: { ...base, series: [] } };
  const items = await queryPartition(keys.metricViewPk(query.bu, query.grain));
  const wanted = new Set(query.metric);
  const series = items
    .flatMap((i) => {
      const c = currentMetricItem(i, gen);
      return c ? [c as unknown as MetricSeries] : [];
    })
    .filter((s) => wanted.has(s.metric) && (!query.channel || !s.channel || s.channel === query.channel))
    .map((s) => ({
      metric: s.metric,
      bu: s.bu,
      ...(s.channel ? { channel: s.channel } : {}),
      unit: s.unit,
      points: s.points.filter((p) => {
        const ms = monthsOfPeriod(p.period, '0000-01', '9999-12');
        const first = ms[0];
        const last = ms[ms.length - 1];
        return (
          first !== undefined &&
          last !== undefined &&
          (!query.to || first <= query.to) &&
          (!query.from || last >= query.from)
        );
      }),
    }));
  series.sort(
    (a, b) =>
      query.metric.indexOf(a.metric) - query.metric.indexOf(b.metric) ||
      (a.channel ?? '').localeCompare(b.channel ?? ''),
  );
  return { body: { ...base, series } };
});
