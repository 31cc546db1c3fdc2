/** Response shapes of the HTTP API, inferred from the shared zod contracts (shared/src/contracts/api.ts). */
import type { z } from 'zod';
import type {
  errorEnvelopeSchema,
  loginResponseSchema,
  metaResponseSchema,
  metricPointSchema,
  metricsResponseSchema,
} from '@cxl/shared/contracts/api';
import type { MetricStatus } from '@cxl/shared/metrics/types';
import type { Grain, Unit } from '@cxl/shared/views/metric-views';

export type { MetricStatus, Grain };
export type MetricUnit = Unit;

export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type User = LoginResponse['user'];
export type Meta = z.infer<typeof metaResponseSchema>;
export type BusinessUnit = Meta['businessUnits'][number];
export type MetricPoint = z.infer<typeof metricPointSchema>;
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;
export type MetricSeries = MetricsResponse['series'][number];
export type ApiErrorBody = z.infer<typeof errorEnvelopeSchema>;

/** Meta of an instance that has data: the month range and data date are known. */
export type ReadyMeta = Meta & { firstMonth: string; lastMonth: string; currency: string; dataAsOf: string };

/** False for an empty instance (nothing uploaded yet): the Overview then shows how to load data. */
export function isReadyMeta(m: Meta): m is ReadyMeta {
  return m.firstMonth !== null && m.lastMonth !== null && m.currency !== null && m.dataAsOf !== null;
}
