import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { isMonth } from '@cxl/shared/month';
import { GRAINS, METRICS, monthsOfPeriod, type MetricId, type MetricSeries } from '@cxl/shared/views/metric-views';
import { ddb, queryPartition, TABLE } from '../adapters/dynamo';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { keys } from '../repositories/keys';

const month = z.string().refine(isMonth, 'must be a month as YYYY-MM');
const querySchema = z.object({
  bu: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
    .transform((s) => s.toUpperCase())
    .default('ALL'),
  from: month.optional(),
  to: month.optional(),
  grain: z.enum(GRAINS).default('month'),
  metric: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return [...METRICS];
      const list = s.split(',').map((x) => x.trim().toLowerCase());
      const bad = list.filter((x) => !(METRICS as readonly string[]).includes(x));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown metric(s): ${bad.join(', ')}; known: ${METRICS.join(', ')}` });
        return z.NEVER;
      }
      return list as MetricId[];
    }),
  channel: z.enum(['phone', 'chat', 'email', 'social', 'messaging']).optional(),
});

/** GET /api/metrics: reads only the materialized views of the current generation (a query and a get). */
export const handler = httpRoute('get-metrics', { query: querySchema }, async ({ query }) => {
  if (query.from && query.to && query.from > query.to) throw new ValidationError('from must not be after to.');
  const meta = (await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.metaView() }))).Item;
  const base = { currency: meta?.currency ?? null, definitionVersion: meta?.definitionVersion ?? null, computedAt: meta?.computedAt ?? null, inputHash: meta?.inputHash ?? null };
  if (!meta) return { body: { ...base, series: [] } };
  const items = await queryPartition(keys.metricViewPk(query.bu, query.grain));
  const wanted = new Set(query.metric);
  const series = items
    .filter((i) => i.inputHash === meta.inputHash)
    .map((i) => i as unknown as MetricSeries)
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
        return first !== undefined && last !== undefined && (!query.to || first <= query.to) && (!query.from || last >= query.from);
      }),
    }));
  series.sort((a, b) => query.metric.indexOf(a.metric) - query.metric.indexOf(b.metric) || (a.channel ?? '').localeCompare(b.channel ?? ''));
  return { body: { ...base, series } };
});
