/** Response shapes of the HTTP API (docs/contracts.md) as the dashboard consumes them. */
import type { MetricStatus } from '@cxl/shared/metrics/types';

export type { MetricStatus };

export interface User {
  email: string;
  roles: string[];
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: User;
}

export interface BusinessUnit {
  id: string;
  name: string;
}

export interface Meta {
  businessUnits: BusinessUnit[];
  firstMonth: string;
  lastMonth: string;
  currency: string;
  dataAsOf: string;
  definitionVersion: string | number;
}

export type Grain = 'month' | 'quarter' | 'year';

export type MetricUnit = 'points' | 'percent' | 'score' | 'seconds' | 'currency' | 'count';

export interface MetricPoint {
  period: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  status: MetricStatus;
  reason?: string;
  badge?: 'low-precision';
}

export interface MetricSeries {
  metric: string;
  bu: string;
  channel?: string;
  unit: MetricUnit;
  points: MetricPoint[];
}

export interface MetricsResponse {
  currency: string;
  definitionVersion: string | number;
  computedAt: string;
  inputHash: string;
  series: MetricSeries[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
