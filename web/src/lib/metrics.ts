import type { MessageId } from './i18n.ts';
import type { DeltaKind } from './format.ts';
import type { MetricPoint, MetricSeries } from './api-types.ts';

export const TILE_METRICS = ['nps', 'csat', 'ces', 'frt', 'fcr', 'churn', 'nrr', 'revenue'] as const;
export type TileMetric = (typeof TILE_METRICS)[number];

export const CHANNELS = ['phone', 'chat', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(s: string | null): s is Channel {
  return (CHANNELS as readonly (string | null)[]).includes(s);
}

export function isTileMetric(s: string | null): s is TileMetric {
  return (TILE_METRICS as readonly (string | null)[]).includes(s);
}

export interface TileDef {
  id: TileMetric;
  /** Metric name in the API. */
  api: string;
  label: MessageId;
  long: MessageId;
  /** Most decimals shown; fewer when the interval is wide. */
  maxDecimals: number;
  delta: DeltaKind;
  higherIsBetter: boolean;
  /** Served once per support channel; never blended. */
  perChannel?: boolean;
}

export const TILES: Readonly<Record<TileMetric, TileDef>> = {
  nps: {
    id: 'nps',
    api: 'nps',
    label: 'metric.nps',
    long: 'metric.nps.long',
    maxDecimals: 0,
    delta: 'pts',
    higherIsBetter: true,
  },
  csat: {
    id: 'csat',
    api: 'csat',
    label: 'metric.csat',
    long: 'metric.csat.long',
    maxDecimals: 1,
    delta: 'pp',
    higherIsBetter: true,
  },
  ces: {
    id: 'ces',
    api: 'ces',
    label: 'metric.ces',
    long: 'metric.ces.long',
    maxDecimals: 2,
    delta: 'abs',
    higherIsBetter: true,
  },
  frt: {
    id: 'frt',
    api: 'frt_median',
    label: 'metric.frt',
    long: 'metric.frt.long',
    maxDecimals: 1,
    delta: 'relative',
    higherIsBetter: false,
    perChannel: true,
  },
  fcr: {
    id: 'fcr',
    api: 'fcr',
    label: 'metric.fcr',
    long: 'metric.fcr.long',
    maxDecimals: 1,
    delta: 'pp',
    higherIsBetter: true,
  },
  churn: {
    id: 'churn',
    api: 'churn',
    label: 'metric.churn',
    long: 'metric.churn.long',
    maxDecimals: 2,
    delta: 'pp',
    higherIsBetter: false,
  },
  nrr: {
    id: 'nrr',
    api: 'nrr',
    label: 'metric.nrr',
    long: 'metric.nrr.long',
    maxDecimals: 1,
    delta: 'pp',
    higherIsBetter: true,
  },
  revenue: {
    id: 'revenue',
    api: 'revenue',
    label: 'metric.revenue',
    long: 'metric.revenue.long',
    maxDecimals: 0,
    delta: 'relative',
    higherIsBetter: true,
  },
};

/** The `metric=` list for one Overview request. */
export const OVERVIEW_API_METRICS = TILE_METRICS.map((m) => TILES[m].api).join(',');

/** The series of `def` (for a per-channel metric, the one of `channel`). */
export function findSeries(
  series: readonly MetricSeries[],
  def: TileDef,
  channel: Channel,
): MetricSeries | undefined {
  return series.find((s) => s.metric === def.api && (!def.perChannel || s.channel === channel));
}

/** True when a point carries a value (ok or provisional). */
export function hasValue(p: MetricPoint | undefined): p is MetricPoint & { value: number } {
  return !!p && (p.status === 'ok' || p.status === 'provisional') && p.value !== null;
}
