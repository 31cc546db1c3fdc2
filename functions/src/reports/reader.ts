import type { CadenceEvery, ReportType } from '@cxl/shared/contracts/reports';
import type { Locale } from '@cxl/shared/i18n/catalogue';
import { touchpointMatrix } from '@cxl/shared/linkage/touchpoints';
import { REPORT_METRICS, reportPeriod } from '@cxl/shared/reports/model';
import type {
  CopeIn,
  DriversIn,
  InitiativeIn,
  RarIn,
  ReportInput,
  SeriesIn,
} from '@cxl/shared/reports/model';
import { queryPartition, type Item } from '../adapters/dynamo';
import { currentViewItems } from '../repositories/analytics-views';
import { keys } from '../repositories/keys';
import { listInitiatives, listTouchpoints } from '../repositories/registers';
import { getMetaView, getMetricsGeneration, isCurrentMetricItem } from '../repositories/views';
import { getRecomputeState } from '../recompute/run';
import { loadBenchmarks } from './benchmarks';

/**
 * Reads what one report needs from the materialized views (read-only, current generation only):
 * a handful of queries per business unit, never the raw facts.
 */
export interface ReportRequest {
  reportType: ReportType;
  bu: string;
  locale: Locale;
  every: CadenceEvery;
  dashboardUrl: string;
  now?: Date;
}

async function viewItems(pk: string): Promise<Item[] | 'pending'> {
  const { items, generation } = await currentViewItems(pk);
  if (items.length > 0 || generation === null) return items;
  const state = await getRecomputeState();
  return state.analyticsInputHash !== generation ? 'pending' : items;
}

export async function readReportInput(req: ReportRequest): Promise<ReportInput> {
  const meta = await getMetaView();
  const grain = req.every === 'quarter' ? 'quarter' : 'month';
  const businessUnits = meta?.businessUnits ?? [];
  const scopes = [...new Set(['ALL', req.bu, ...businessUnits.map((b) => b.id)])];
  const base: ReportInput = {
    reportType: req.reportType,
    bu: req.bu,
    locale: req.locale,
    every: req.every,
    generatedAt: (req.now ?? new Date()).toISOString(),
    dashboardUrl: req.dashboardUrl,
    currency: meta?.currency ?? null,
    businessUnits,
    lastMonth: meta?.lastMonth ?? null,
    dataAsOf: meta?.dataAsOf ?? null,
    definitionVersion: meta?.definitionVersion ?? null,
    series: {},
    cope: {},
    revenueAtRisk: null,
    initiatives: [],
    drivers: null,
    touchpoints: [],
    benchmarks: [],
    targets: [],
  };
  const gen = await getMetricsGeneration();
  if (!meta || !gen) return base;

  const seriesEntries = await Promise.all(
    scopes.map(async (bu) => {
      const items = await queryPartition(keys.metricViewPk(bu, grain));
      const series = items
        // Incremental recomputes rewrite only changed items: current = not newer than the generation.
        .filter((i) => isCurrentMetricItem(i, gen))
        .map((i) => ({
          metric: String(i.metric),
          bu: String(i.bu),
          unit: i.unit as SeriesIn['unit'],
          ...(typeof i.channel === 'string' ? { channel: i.channel } : {}),
          points: (i.points ?? []) as SeriesIn['points'],
        }));
      return [bu, series] as const;
    }),
  );
  base.series = Object.fromEntries(seriesEntries);

  // The independent view reads run concurrently (a report's latency is its slowest read, not their sum).
  const copeScopes = req.bu === 'ALL' ? businessUnits.map((b) => b.id) : [req.bu];
  const [copes, rar, initiatives, driverView, touchpoints] = await Promise.all([
    Promise.all(copeScopes.map(async (bu) => [bu, await viewItems(`VIEW#cope#${bu}`)] as const)),
    viewItems(`VIEW#revenue-at-risk#${req.bu}`),
    listInitiatives(),
    currentViewItems(`VIEW#drivers#${req.bu}`),
    listTouchpoints(),
  ]);
  for (const [bu, items] of copes) {
    if (items === 'pending') base.cope[bu] = 'pending';
    else {
      const trailing = items.find((i) => (i.result as CopeIn).period.label === 'trailing-12');
      base.cope[bu] = trailing ? (trailing.result as CopeIn) : null;
    }
  }
  base.revenueAtRisk = rar === 'pending' ? 'pending' : ((rar[0]?.result as RarIn | undefined) ?? null);

  base.initiatives = await Promise.all(
    initiatives.map(async (i): Promise<InitiativeIn> => {
      const items = await viewItems(`VIEW#impact#${i.id}`);
      const r =
        items === 'pending'
          ? null
          : ((items[0]?.result as
              | {
                  status: string;
                  roi: InitiativeIn['roi'];
                  probRoiPositive: number | null;
                  paybackMonth: string | null;
                  evidenceClass: string;
                  logRateRatio: { n?: number } | null;
                }
              | undefined) ?? null);
      return {
        name: i.name,
        bu: i.bu,
        goLiveMonth: i.goLiveMonth,
        status: r?.status ?? null,
        roi: r?.roi ?? null,
        probRoiPositive: r?.probRoiPositive ?? null,
        paybackMonth: r?.paybackMonth ?? null,
        evidenceClass: r?.evidenceClass ?? null,
        n: r?.logRateRatio?.n ?? null,
      };
    }),
  );

  const driverItems = driverView.items;
  const latest = [...driverItems].sort((a, b) =>
    String(b.to) === String(a.to)
      ? String(a.from).localeCompare(String(b.from))
      : String(b.to).localeCompare(String(a.to)),
  )[0];
  if (latest) {
    const r = latest.result as { status: string; n?: number; drivers?: DriversIn['drivers'] };
    base.drivers = {
      status: r.status,
      n: r.n ?? 0,
      from: String(latest.from),
      to: String(latest.to),
      drivers: r.drivers ?? [],
    };
  }

  base.touchpoints = touchpointMatrix(touchpoints).actions;
  const period = meta.lastMonth ? reportPeriod(req.every, meta.lastMonth) : null;
  const { benchmarks, targets } = await loadBenchmarks(
    req.bu,
    period,
    REPORT_METRICS[req.reportType],
    base.series,
    req.reportType === 'benchmark',
  );
  base.benchmarks = benchmarks;
  base.targets = targets;
  return base;
}
