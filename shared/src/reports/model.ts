/**
 * The content of a scheduled report, built from materialized view data (no I/O): headline metrics vs the
 * previous period with intervals and n, targets and industry benchmarks with source and year, BU
 * ranking, CoPE and revenue at risk with P10–P90, initiative ROI, top drivers, flagged touchpoints and
 * a deterministic templated narrative. Every figure carries its n and interval, or a "no data / too
 * few" state instead of a number.
 */
import { translate, type Locale, type MessageId } from '../i18n/catalogue';
import type { CadenceEvery, ReportType } from '../contracts/reports';

export type Unit = 'points' | 'percent' | 'score' | 'seconds' | 'currency' | 'count';

/** A metric point as materialized (`GET /api/metrics`). */
export interface PointIn {
  period: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  status: string;
  reason?: string;
}
export interface SeriesIn {
  metric: string;
  bu: string;
  unit: Unit;
  channel?: string;
  points: PointIn[];
}
/** A P10/P50/P90 money range. */
export interface MoneyRange {
  p10: number;
  p50: number;
  p90: number;
}
export interface CopeIn {
  bu: string;
  status: string;
  reason: string | null;
  period: { label: string; from: string; to: string };
  total: MoneyRange;
  components: (MoneyRange & { component: string; note?: string | null })[];
  n: { customerMonths: number; churners: number };
}
export interface RarIn {
  status: string;
  reason: string | null;
  customers: number;
  total: MoneyRange;
  cxAttributable: MoneyRange;
  byBu: { bu: string; customers: number; total: MoneyRange; cxAttributable: MoneyRange }[];
}
export interface InitiativeIn {
  name: string;
  bu: string;
  goLiveMonth: string;
  status: string | null;
  roi: (MoneyRange & { point?: number }) | null;
  probRoiPositive: number | null;
  paybackMonth: string | null;
  evidenceClass: string | null;
  n: number | null;
}
export interface DriverIn {
  driver: string;
  share: { value: number; low: number; high: number };
  performance: { value: number; low: number; high: number; n: number };
  quadrant: string;
}
export interface DriversIn {
  status: string;
  n: number;
  from: string;
  to: string;
  drivers: DriverIn[];
}
export interface TouchpointIn {
  touchpoint: string;
  lifecycleStage: string;
  owner: string;
  priorityScore: number;
  quadrant: string;
  action: string;
}
/** One industry reference value (methods §3: shown with source, year and grade). */
export interface BenchmarkIn {
  metric: string;
  value: number;
  label: string;
  source: string;
  year: string;
  grade: string;
  /** Benchmarks are context, not targets: false when the definition differs from ours. */
  comparable: boolean;
}
export interface TargetIn {
  metric: string;
  bu: string;
  value: number;
}

export interface ReportInput {
  reportType: ReportType;
  bu: string;
  locale: Locale;
  every: CadenceEvery;
  generatedAt: string;
  dashboardUrl: string;
  currency: string | null;
  businessUnits: { id: string; name: string }[];
  lastMonth: string | null;
  dataAsOf: string | null;
  definitionVersion: string | null;
  /** Series per BU id (including `ALL`) at the cadence grain (month, or quarter for quarterly reports). */
  series: Record<string, SeriesIn[]>;
  cope: Record<string, CopeIn | 'pending' | null>;
  revenueAtRisk: RarIn | 'pending' | null;
  initiatives: InitiativeIn[];
  drivers: DriversIn | null;
  touchpoints: TouchpointIn[];
  benchmarks: BenchmarkIn[];
  targets: TargetIn[];
}

/** A value with its interval, n and state; text is ready to show. */
export interface Figure {
  state: 'ok' | 'no-data' | 'too-few' | 'pending';
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  text: string;
  detail: string;
}

export interface Headline {
  metric: string;
  label: string;
  unit: Unit;
  higherIsBetter: boolean;
  current: Figure;
  previous: Figure;
  delta: { text: string; tone: 'better' | 'worse' | 'flat' | 'unclear' } | null;
  target: string | null;
  benchmark: string | null;
  benchmarkNote: string | null;
}

export interface RankingRow {
  bu: string;
  name: string;
  rank: number | null;
  figure: Figure;
}

export interface MoneyRow {
  label: string;
  range: MoneyRange | null;
  text: string;
  detail: string;
}

export interface TrendPoint {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface ReportModel {
  locale: Locale;
  reportType: ReportType;
  bu: string;
  buName: string;
  title: string;
  subtitle: string;
  periodLabel: string;
  previousLabel: string;
  hasData: boolean;
  headlines: Headline[];
  ranking: { metric: string; label: string; unit: Unit; rows: RankingRow[]; note: string } | null;
  cope: { rows: MoneyRow[]; total: MoneyRow | null; note: string; state: Figure['state'] };
  revenueAtRisk: { total: MoneyRow; cx: MoneyRow; state: Figure['state'] };
  initiatives: { name: string; bu: string; roi: string; detail: string; evidence: string }[];
  drivers: { name: string; share: string; performance: string; quadrant: string }[];
  driversNote: string;
  touchpoints: { name: string; stage: string; owner: string; score: number; action: string }[];
  narrative: string[];
  trend: { metric: string; label: string; unit: Unit; points: TrendPoint[] } | null;
  dashboardUrl: string;
  footer: string;
}

interface MetricDef {
  id: string;
  label: MessageId;
  higherIsBetter: boolean;
  /** Most decimals. */
  decimals: number;
}

const METRIC_DEFS: Record<string, MetricDef> = {
  nps: { id: 'nps', label: 'reports.metric.nps', higherIsBetter: true, decimals: 0 },
  csat: { id: 'csat', label: 'reports.metric.csat', higherIsBetter: true, decimals: 1 },
  ces: { id: 'ces', label: 'reports.metric.ces', higherIsBetter: true, decimals: 2 },
  fcr: { id: 'fcr', label: 'reports.metric.fcr', higherIsBetter: true, decimals: 1 },
  repeat_rate: { id: 'repeat_rate', label: 'reports.metric.repeat_rate', higherIsBetter: false, decimals: 1 },
  churn: { id: 'churn', label: 'reports.metric.churn', higherIsBetter: false, decimals: 2 },
  nrr: { id: 'nrr', label: 'reports.metric.nrr', higherIsBetter: true, decimals: 1 },
  grr: { id: 'grr', label: 'reports.metric.grr', higherIsBetter: true, decimals: 1 },
  revenue: { id: 'revenue', label: 'reports.metric.revenue', higherIsBetter: true, decimals: 0 },
  arpu: { id: 'arpu', label: 'reports.metric.arpu', higherIsBetter: true, decimals: 0 },
};

/** Headline metrics of each report type, in display order. */
export const REPORT_METRICS: Record<ReportType, readonly string[]> = {
  'executive-summary': ['nps', 'csat', 'fcr', 'churn', 'nrr', 'revenue'],
  benchmark: ['nps', 'csat', 'ces', 'fcr', 'churn', 'nrr', 'grr'],
  'bu-scorecard': ['nps', 'csat', 'ces', 'fcr', 'repeat_rate', 'churn', 'nrr', 'grr', 'revenue', 'arpu'],
};

/** Metric the BU ranking and the trend chart use. */
export const RANKING_METRIC = 'nps';

const SUPPRESSED = new Set(['suppressed']);

/** Number formatting of one locale (grouping, currency, compact money). */
export class ReportFormat {
  private readonly cache = new Map<string, Intl.NumberFormat>();
  constructor(
    readonly locale: Locale,
    readonly currency: string,
  ) {}
  private nf(o: Intl.NumberFormatOptions): Intl.NumberFormat {
    const k = JSON.stringify(o);
    let f = this.cache.get(k);
    if (!f) this.cache.set(k, (f = new Intl.NumberFormat(this.locale, o)));
    return f;
  }
  number(v: number, decimals: number): string {
    return this.nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
  }
  /** Money rounded to 2 significant figures (methods §2.8), compact above 10,000. */
  money(v: number): string {
    return this.nf({
      style: 'currency',
      currency: this.currency,
      notation: Math.abs(v) >= 10_000 ? 'compact' : 'standard',
      maximumSignificantDigits: 2,
    }).format(v);
  }
  value(v: number, unit: Unit, decimals: number): string {
    switch (unit) {
      case 'percent':
        return `${this.number(v, decimals)}%`;
      case 'currency':
        return this.money(v);
      case 'count':
        return this.number(v, 0);
      case 'seconds':
        return v < 90 ? `${this.number(v, 0)} s` : `${this.number(v / 60, 1)} min`;
      case 'points':
        return `${v > 0 ? '+' : ''}${this.number(v, decimals)}`;
      default:
        return this.number(v, decimals);
    }
  }
  percent(p: number): string {
    return this.nf({ style: 'percent', maximumFractionDigits: 0 }).format(p);
  }
}

/** Decimals an estimate deserves: one significant digit of its half-width, capped at `max`. */
export function decimalsFor(low: number | null, high: number | null, max: number): number {
  if (low === null || high === null) return max;
  const half = (high - low) / 2;
  if (!(half > 0) || !Number.isFinite(half)) return max;
  return Math.min(max, Math.max(0, 1 - Math.floor(Math.log10(half))));
}

/** Previous period label of a month (`2024-03` → `2024-02`) or quarter (`2024-Q1` → `2023-Q4`). */
export function previousPeriod(p: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) {
    const y = Number(q[1]);
    const n = Number(q[2]);
    return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (!m) return p;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** The report period: the month of the newest data, or its quarter for quarterly reports. */
export function reportPeriod(every: CadenceEvery, lastMonth: string): string {
  if (every !== 'quarter') return lastMonth;
  const [y, m] = lastMonth.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function buildReport(input: ReportInput): ReportModel {
  const t = (id: MessageId, p: Record<string, string | number> = {}) => translate(input.locale, id, p);
  const fmt = new ReportFormat(input.locale, input.currency ?? 'USD');
  const buName =
    input.bu === 'ALL'
      ? t('reports.allUnits')
      : (input.businessUnits.find((b) => b.id === input.bu)?.name ?? input.bu);
  const period = input.lastMonth ? reportPeriod(input.every, input.lastMonth) : null;
  const prev = period ? previousPeriod(period) : null;
  const typeName = t(`reports.type.${input.reportType}` as MessageId);

  const figure = (s: SeriesIn | undefined, p: string | null, def: MetricDef): Figure => {
    const pt = p ? s?.points.find((x) => x.period === p) : undefined;
    if (!pt || pt.value === null) {
      const n = pt?.n ?? 0;
      const tooFew = pt !== undefined && (SUPPRESSED.has(pt.status) || n > 0);
      return {
        state: tooFew ? 'too-few' : 'no-data',
        value: null,
        low: null,
        high: null,
        n,
        text: tooFew ? t('reports.tooFew') : t('reports.noData'),
        detail: tooFew ? t('reports.tooFewDetail', { n }) : t('reports.noDataDetail'),
      };
    }
    const d = decimalsFor(pt.low, pt.high, def.decimals);
    const unit = s?.unit ?? 'score';
    const interval =
      pt.low !== null && pt.high !== null
        ? t('reports.interval', { low: fmt.value(pt.low, unit, d), high: fmt.value(pt.high, unit, d) })
        : t('reports.noInterval');
    return {
      state: 'ok',
      value: pt.value,
      low: pt.low,
      high: pt.high,
      n: pt.n,
      text: fmt.value(pt.value, unit, d),
      detail: `${interval} · n = ${fmt.number(pt.n, 0)}`,
    };
  };

  const seriesOf = (bu: string, metric: string) =>
    (input.series[bu] ?? []).find((s) => s.metric === metric && !s.channel);

  const headlines: Headline[] = REPORT_METRICS[input.reportType].flatMap((metric) => {
    const def = METRIC_DEFS[metric];
    if (!def) return [];
    const s = seriesOf(input.bu, metric);
    const unit = s?.unit ?? 'score';
    const current = figure(s, period, def);
    const previous = figure(s, prev, def);
    let delta: Headline['delta'] = null;
    if (current.state === 'ok' && previous.state === 'ok') {
      const diff = (current.value ?? 0) - (previous.value ?? 0);
      const hw = (f: Figure) => (f.low !== null && f.high !== null ? (f.high - f.low) / 2 : 0);
      const half = Math.sqrt(hw(current) ** 2 + hw(previous) ** 2);
      const d = decimalsFor(-half, half, def.decimals);
      const unitWord =
        unit === 'percent'
          ? ` ${t('reports.unit.pp')}`
          : unit === 'points'
            ? ` ${t('reports.unit.pts')}`
            : '';
      const num = (v: number) =>
        unit === 'currency' ? fmt.money(v) : unit === 'count' ? fmt.number(v, 0) : fmt.number(v, d);
      const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
      const clear = half > 0 && Math.abs(diff) > half;
      const tone: 'better' | 'worse' | 'flat' | 'unclear' =
        diff === 0 ? 'flat' : !clear ? 'unclear' : diff > 0 === def.higherIsBetter ? 'better' : 'worse';
      delta = {
        tone,
        text: `${sign}${num(Math.abs(diff))}${unitWord}${
          half > 0 ? ` (${t('reports.deltaInterval', { half: num(half) })})` : ''
        }`,
      };
    }
    const target = input.targets.find((x) => x.metric === metric && x.bu === input.bu);
    const bench = input.benchmarks.find((b) => b.metric === metric);
    return [
      {
        metric,
        label: t(def.label),
        unit,
        higherIsBetter: def.higherIsBetter,
        current,
        previous,
        delta,
        target: target ? fmt.value(target.value, unit, def.decimals) : null,
        benchmark: bench
          ? t('reports.benchmarkValue', {
              value: fmt.value(bench.value, unit, def.decimals),
              source: bench.source,
              year: bench.year,
            })
          : null,
        benchmarkNote: bench
          ? [
              bench.label,
              bench.comparable ? '' : t('reports.benchmarkNotComparable'),
              /^[CD]$/.test(bench.grade) ? t('reports.benchmarkUnverified') : '',
            ]
              .filter(Boolean)
              .join(' · ')
          : null,
      },
    ];
  });

  // BU ranking on NPS (with intervals; ties in interval are stated, not hidden).
  let ranking: ReportModel['ranking'] = null;
  if (input.businessUnits.length > 1) {
    const def = METRIC_DEFS[RANKING_METRIC] as MetricDef;
    const rows = input.businessUnits.map((b) => ({
      bu: b.id,
      name: b.name,
      rank: null as number | null,
      figure: figure(seriesOf(b.id, RANKING_METRIC), period, def),
    }));
    const ranked = rows
      .filter((r) => r.figure.state === 'ok')
      .sort((a, b) => (b.figure.value ?? 0) - (a.figure.value ?? 0));
    ranked.forEach((r, i) => (r.rank = i + 1));
    const ordered = [...ranked, ...rows.filter((r) => r.figure.state !== 'ok')];
    const overlapping =
      ranked.length > 1 &&
      ranked.some((r, i) => {
        const next = ranked[i + 1];
        return next !== undefined && (r.figure.low ?? 0) <= (next.figure.high ?? 0);
      });
    ranking = {
      metric: RANKING_METRIC,
      label: t(def.label),
      unit: 'points',
      rows: ordered,
      note: overlapping ? t('reports.rankingOverlap') : t('reports.rankingClear'),
    };
  }

  // Cost of poor experience (per BU ranges; P10/P90 of different units are not added).
  const copeScopes = input.bu === 'ALL' ? input.businessUnits.map((b) => b.id) : [input.bu];
  const copeRows: MoneyRow[] = [];
  let copeState: Figure['state'] = 'no-data';
  let copeTotal: MoneyRow | null = null;
  for (const bu of copeScopes) {
    const c = input.cope[bu];
    const name = input.businessUnits.find((b) => b.id === bu)?.name ?? bu;
    if (c === 'pending') {
      copeState = 'pending';
      continue;
    }
    if (!c || c.status !== 'ok') continue;
    copeState = 'ok';
    const money = (r: MoneyRange) =>
      t('reports.moneyRange', { p50: fmt.money(r.p50), p10: fmt.money(r.p10), p90: fmt.money(r.p90) });
    if (input.bu !== 'ALL') {
      for (const comp of c.components) {
        // A component with no input (e.g. no compensation in the finance data) is "no data", not 0.
        const empty =
          comp.component === 'compensation' &&
          comp.p10 === 0 &&
          comp.p50 === 0 &&
          comp.p90 === 0 &&
          comp.note === 'no GL tags uploaded';
        copeRows.push({
          label: t(`reports.cope.${comp.component}` as MessageId),
          range: empty ? null : comp,
          text: empty ? t('reports.noData') : fmt.money(comp.p50),
          detail: empty ? t('reports.cope.noCompensation') : money(comp),
        });
      }
      copeTotal = {
        label: t('reports.cope.total'),
        range: c.total,
        text: fmt.money(c.total.p50),
        detail: `${money(c.total)} · ${t('reports.cope.n', {
          n: fmt.number(c.n.customerMonths, 0),
          from: c.period.from,
          to: c.period.to,
        })}`,
      };
    } else {
      copeRows.push({
        label: name,
        range: c.total,
        text: fmt.money(c.total.p50),
        detail: `${money(c.total)} · ${t('reports.cope.nShort', { n: fmt.number(c.n.customerMonths, 0) })}`,
      });
    }
  }

  const rarIn = input.revenueAtRisk;
  const rarRow = (label: string, r: MoneyRange | null, n: number): MoneyRow =>
    r
      ? {
          label,
          range: r,
          text: fmt.money(r.p50),
          detail: `${t('reports.moneyRange', {
            p50: fmt.money(r.p50),
            p10: fmt.money(r.p10),
            p90: fmt.money(r.p90),
          })} · ${t('reports.customersN', { n: fmt.number(n, 0) })}`,
        }
      : { label, range: null, text: t('reports.noData'), detail: t('reports.noDataDetail') };
  const rarOk = rarIn && rarIn !== 'pending' && rarIn.status === 'ok' ? rarIn : null;
  const revenueAtRisk = {
    state: (rarIn === 'pending' ? 'pending' : rarOk ? 'ok' : 'no-data') as Figure['state'],
    total: rarRow(t('reports.rar.total'), rarOk?.total ?? null, rarOk?.customers ?? 0),
    cx: rarRow(t('reports.rar.cx'), rarOk?.cxAttributable ?? null, rarOk?.customers ?? 0),
  };

  const initiatives = input.initiatives
    .filter((i) => input.bu === 'ALL' || i.bu === input.bu)
    .map((i) => ({
      name: i.name,
      bu: i.bu,
      roi:
        i.roi && i.status === 'ok'
          ? t('reports.roi', {
              p50: fmt.percent(i.roi.p50),
              p10: fmt.percent(i.roi.p10),
              p90: fmt.percent(i.roi.p90),
            })
          : i.status === null
            ? t('reports.pending')
            : t('reports.roiNotYet'),
      detail:
        i.roi && i.status === 'ok'
          ? [
              i.probRoiPositive !== null ? t('reports.probRoi', { p: fmt.percent(i.probRoiPositive) }) : '',
              i.paybackMonth ? t('reports.payback', { month: i.paybackMonth }) : t('reports.noPayback'),
              i.n !== null ? `n = ${fmt.number(i.n, 0)}` : '',
            ]
              .filter(Boolean)
              .join(' · ')
          : t('reports.goLive', { month: i.goLiveMonth }),
      evidence: i.evidenceClass ? t(`reports.evidence.${i.evidenceClass}` as MessageId) : '',
    }));

  const drv = input.drivers?.status === 'ok' ? input.drivers : null;
  const drivers = (drv?.drivers ?? []).slice(0, 3).map((d) => ({
    name: t(`reports.driver.${d.driver}` as MessageId),
    share: t('reports.share', {
      value: fmt.percent(d.share.value),
      low: fmt.percent(d.share.low),
      high: fmt.percent(d.share.high),
    }),
    performance: t('reports.performance', {
      value: fmt.percent(d.performance.value),
      n: fmt.number(d.performance.n, 0),
    }),
    quadrant: t(`reports.quadrant.${d.quadrant}` as MessageId),
  }));
  const driversNote = drv
    ? t('reports.driversNote', { n: fmt.number(drv.n, 0), from: drv.from, to: drv.to })
    : input.drivers
      ? t('reports.tooFewDetail', { n: input.drivers.n })
      : t('reports.noDataDetail');

  const touchpoints = input.touchpoints.slice(0, 5).map((p) => ({
    name: p.touchpoint,
    stage: t(`reports.stage.${p.lifecycleStage}` as MessageId),
    owner: p.owner,
    score: p.priorityScore,
    action: t(`reports.tpAction.${p.quadrant}` as MessageId),
  }));

  // Deterministic narrative: one sentence per finding, in a fixed order.
  const narrative: string[] = [];
  const lead = headlines.find((h) => h.metric === 'nps');
  if (!period) narrative.push(t('reports.narrative.noData'));
  if (lead && lead.current.state === 'ok') {
    narrative.push(
      lead.delta
        ? t(`reports.narrative.lead.${lead.delta.tone}` as MessageId, {
            metric: lead.label,
            value: lead.current.text,
            delta: lead.delta.text,
            bu: buName,
          })
        : t('reports.narrative.leadNoPrev', { metric: lead.label, value: lead.current.text, bu: buName }),
    );
  }
  const better = headlines
    .filter((h) => h.metric !== 'nps' && h.delta?.tone === 'better')
    .map((h) => h.label);
  const worse = headlines.filter((h) => h.metric !== 'nps' && h.delta?.tone === 'worse').map((h) => h.label);
  const sep = input.locale === 'zh-CN' ? '、' : ', ';
  if (better.length > 0) narrative.push(t('reports.narrative.better', { list: better.join(sep) }));
  if (worse.length > 0) narrative.push(t('reports.narrative.worse', { list: worse.join(sep) }));
  if (better.length === 0 && worse.length === 0 && headlines.some((h) => h.delta))
    narrative.push(t('reports.narrative.stable'));
  const top = ranking?.rows[0];
  if (ranking && top?.rank === 1 && ranking.rows.filter((r) => r.rank !== null).length > 1)
    narrative.push(
      t('reports.narrative.ranking', { bu: top.name, metric: ranking.label, value: top.figure.text }),
    );
  if (copeTotal?.range)
    narrative.push(
      t('reports.narrative.cope', {
        p50: fmt.money(copeTotal.range.p50),
        p10: fmt.money(copeTotal.range.p10),
        p90: fmt.money(copeTotal.range.p90),
      }),
    );
  if (rarOk)
    narrative.push(
      t('reports.narrative.rar', {
        p50: fmt.money(rarOk.cxAttributable.p50),
        p10: fmt.money(rarOk.cxAttributable.p10),
        p90: fmt.money(rarOk.cxAttributable.p90),
      }),
    );
  const firstDriver = drivers[0];
  if (firstDriver) narrative.push(t('reports.narrative.driver', { driver: firstDriver.name }));
  const firstTp = touchpoints[0];
  if (firstTp)
    narrative.push(t('reports.narrative.touchpoints', { count: touchpoints.length, first: firstTp.name }));

  const trendSeries = seriesOf(input.bu, RANKING_METRIC);
  const trendPoints = (trendSeries?.points ?? [])
    .filter((p) => !period || p.period <= period)
    .slice(input.every === 'quarter' ? -8 : -12)
    .map((p) => ({ label: p.period, value: p.value, low: p.low, high: p.high }));

  const hasData = headlines.some((h) => h.current.state === 'ok');
  const periodLabel = period ?? t('reports.noPeriod');
  return {
    locale: input.locale,
    reportType: input.reportType,
    bu: input.bu,
    buName,
    title: t('reports.title', { type: typeName, bu: buName }),
    subtitle: t('reports.subtitle', {
      period: periodLabel,
      previous: prev ?? '—',
      asOf: input.dataAsOf ? input.dataAsOf.slice(0, 10) : '—',
    }),
    periodLabel,
    previousLabel: prev ?? '—',
    hasData,
    headlines,
    ranking,
    cope: {
      rows: copeRows,
      total: copeTotal,
      state: copeState,
      note: input.bu === 'ALL' ? t('reports.cope.noteAll') : t('reports.cope.note'),
    },
    revenueAtRisk,
    initiatives,
    drivers,
    driversNote,
    touchpoints,
    narrative,
    trend:
      trendPoints.length > 0
        ? {
            metric: RANKING_METRIC,
            label: t(METRIC_DEFS[RANKING_METRIC]?.label ?? 'reports.metric.nps'),
            unit: 'points',
            points: trendPoints,
          }
        : null,
    dashboardUrl: input.dashboardUrl,
    footer: t('reports.footer', {
      version: input.definitionVersion ?? '—',
      generated: input.generatedAt.slice(0, 16).replace('T', ' '),
    }),
  };
}
