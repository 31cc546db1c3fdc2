/**
 * Effect of first response time on transactional satisfaction (methods §2.4 mediator caution, §5.4 E1,
 * §5.7 T2): logistic regression of CSAT top-2-box on log2(FRT / channel target) + BU + channel, fitted
 * on the responses that can be joined to a contact with an observed first response.
 *
 * Estimand: the average marginal effect of doubling FRT, AME = mean_i [P̂(T2B | x_i + 1) − P̂(T2B | x_i)]
 * over the evaluation contacts (all contacts with an observed FRT: the population of contacts, not only
 * the responders; x = log2 FRT/target, so +1 = doubling). SE by the delta method with the
 * customer-clustered (CR1) covariance.
 *
 * - `total`: the model without FCR — the total effect of FRT (direct and through resolution). This is
 *   the figure to use.
 * - `direct`: the same model plus the contact's resolution flag, AME holding FCR. Labelled biased:
 *   FCR is a mediator that shares the unobserved customer disposition with satisfaction, so
 *   conditioning on it opens a collider path (methods §2.4, §5.7). Reported for transparency only.
 */
import type { Channel } from '../contracts/inputs';
import { zForLevel } from '../stats/distributions';
import { fitGlm, type GlmRow } from '../stats/glm';
import type { Facts } from '../views/metric-views';
import { DEFAULT_FRT_TARGETS_S } from './panel';

/** One AME estimate in percentage points. */
export interface FrtAme {
  status: 'ok' | 'insufficient-data' | 'not-estimable';
  reason: string | null;
  /** Percentage points of P(T2B) per doubling of FRT (negative = slower hurts). */
  value: number | null;
  se: number | null;
  low: number | null;
  high: number | null;
  /** log-odds coefficient of log2(FRT/target). */
  coefficient: number | null;
  adjustment: string[];
  label: 'total effect' | 'direct effect (biased: conditions on FCR, a mediator)';
  biased: boolean;
}

/** Result of {@link frtCsatEffect}. */
export interface FrtCsatEffect {
  estimand: string;
  /** Responses in the fit (n) and distinct customers (clusters). */
  n: number;
  clusters: number;
  /** Contacts the AME averages over. */
  evaluationContacts: number;
  total: FrtAme;
  direct: FrtAme;
  frtTargetsS: Readonly<Partial<Record<Channel, number>>>;
  evidenceClass: 'model-based';
}

/** Options of {@link frtCsatEffect}. */
export interface FrtCsatOptions {
  /** Business unit or `ALL` (default). */
  bu?: string;
  /** Contacts created in [fromMs, toMs) only (default: all). */
  fromMs?: number;
  toMs?: number;
  frtTargetsS?: Readonly<Partial<Record<Channel, number>>>;
  level?: number;
}

interface Obs {
  x: number;
  bu: number;
  channel: number;
  fcr: number;
  y: number;
  customer: string;
}

/** The AME of doubling FRT on P(T2B), total and (biased) direct; see the module comment. */
export function frtCsatEffect(facts: Facts, options: FrtCsatOptions = {}): FrtCsatEffect {
  const targets = options.frtTargetsS ?? DEFAULT_FRT_TARGETS_S;
  const bu = options.bu ?? 'ALL';
  const from = options.fromMs ?? -Infinity;
  const to = options.toMs ?? Infinity;
  const z = zForLevel(options.level ?? 0.95);
  const bus = [...new Set(facts.contacts.map((c) => c.scopeBu))].sort();
  const channels = (Object.keys(targets) as Channel[]).filter((c) => (targets[c] ?? 0) > 0).sort();
  const contactObs = new Map<string, Obs>();
  const evaluation: Obs[] = [];
  for (const c of facts.contacts) {
    if (bu !== 'ALL' && c.scopeBu !== bu) continue;
    if (c.createdMs < from || c.createdMs >= to || c.firstResponseMs === null) continue;
    const target = targets[c.channel];
    const ch = channels.indexOf(c.channel);
    const frtS = (c.firstResponseMs - c.createdMs) / 1000;
    if (!target || ch < 0 || !(frtS > 0)) continue;
    const o: Obs = {
      x: Math.log2(frtS / target),
      bu: bus.indexOf(c.scopeBu),
      channel: ch,
      fcr: c.resolved === true ? 1 : 0,
      y: 0,
      customer: c.customerId,
    };
    evaluation.push(o);
    if (c.resolved !== null) contactObs.set(c.contactId, o);
  }
  const fit: Obs[] = [];
  for (const s of facts.txnSurveys) {
    if (s.csat === null || s.contactId === null) continue;
    const o = contactObs.get(s.contactId);
    if (o) fit.push({ ...o, y: s.csat >= 4 ? 1 : 0 });
  }
  const clusters = new Set(fit.map((o) => o.customer)).size;
  const estimate = (withFcr: boolean): FrtAme => {
    const adjustment = ['business unit', 'channel', ...(withFcr ? ['FCR (resolution flag)'] : [])];
    const label = withFcr
      ? ('direct effect (biased: conditions on FCR, a mediator)' as const)
      : ('total effect' as const);
    const none = (status: FrtAme['status'], reason: string): FrtAme => ({
      status,
      reason,
      value: null,
      se: null,
      low: null,
      high: null,
      coefficient: null,
      adjustment,
      label,
      biased: withFcr,
    });
    // Columns: intercept, x, BU dummies (first = reference), channel dummies, [FCR].
    const p = 2 + Math.max(0, bus.length - 1) + Math.max(0, channels.length - 1) + (withFcr ? 1 : 0);
    const row = (o: Obs, dx: number): number[] => {
      const r = new Array<number>(p).fill(0);
      r[0] = 1;
      r[1] = o.x + dx;
      if (o.bu > 0) r[1 + o.bu] = 1;
      if (o.channel > 0) r[1 + Math.max(0, bus.length - 1) + o.channel] = 1;
      if (withFcr) r[p - 1] = o.fcr;
      return r;
    };
    if (fit.length < Math.max(100, 10 * p))
      return none(
        'insufficient-data',
        `${fit.length} responses with a joined contact; need ≥ ${Math.max(100, 10 * p)}`,
      );
    const rows: GlmRow[] = fit.map((o) => ({ x: row(o, 0), y: o.y, cluster: o.customer }));
    const g = fitGlm({ p, forEach: (visit) => rows.forEach(visit) }, { family: 'binomial', intercept: 0 });
    const beta = g.coefficients;
    const V = g.robustCov ?? g.cov;
    if (g.status !== 'ok' || !beta || !V)
      return none('not-estimable', `logistic fit: ${g.status} (${g.reason ?? ''})`);
    let ame = 0;
    const grad = new Array<number>(p).fill(0);
    const sig = (e: number) => 1 / (1 + Math.exp(-e));
    for (const o of evaluation) {
      const r0 = row(o, 0);
      const r1 = row(o, 1);
      let e0 = 0;
      let e1 = 0;
      for (let j = 0; j < p; j++) {
        e0 += (r0[j] ?? 0) * (beta[j] ?? 0);
        e1 += (r1[j] ?? 0) * (beta[j] ?? 0);
      }
      const p0 = sig(e0);
      const p1 = sig(e1);
      ame += p1 - p0;
      for (let j = 0; j < p; j++)
        grad[j] = (grad[j] ?? 0) + p1 * (1 - p1) * (r1[j] ?? 0) - p0 * (1 - p0) * (r0[j] ?? 0);
    }
    const n = evaluation.length;
    ame /= n;
    let variance = 0;
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) variance += ((grad[a] ?? 0) / n) * (V[a]?.[b] ?? 0) * ((grad[b] ?? 0) / n);
    const se = Math.sqrt(Math.max(0, variance));
    return {
      status: 'ok',
      reason: null,
      value: 100 * ame,
      se: 100 * se,
      low: 100 * (ame - z * se),
      high: 100 * (ame + z * se),
      coefficient: beta[1] ?? null,
      adjustment,
      label,
      biased: withFcr,
    };
  };
  return {
    estimand:
      'Average marginal effect of doubling first response time on P(CSAT top-2-box), percentage points, averaged over all contacts with an observed first response',
    n: fit.length,
    clusters,
    evaluationContacts: evaluation.length,
    total: estimate(false),
    direct: estimate(true),
    frtTargetsS: targets,
    evidenceClass: 'model-based',
  };
}
