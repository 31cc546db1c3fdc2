import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { INPUT_KINDS } from '@cxl/shared/contracts/inputs';
import { buildCustomerRollups } from '@cxl/shared/views/customer-rollups';
import {
  buildMetricViews,
  DEFINITION_VERSION,
  GRAINS,
  type BuiltViews,
  type Facts,
  type MetricPoint,
  type MetricSeries,
} from '@cxl/shared/views/metric-views';
import { batchDelete, batchPut, ddb, queryAll, queryPartition, TABLE, type Item } from '../adapters/dynamo';
import { logger } from '../lib/logger';
import {
  encodeRows,
  listScopes,
  loadCurrentCustomers,
  loadCurrentRows,
  ROWS_PER_BLOCK,
} from '../repositories/facts';
import { keys } from '../repositories/keys';
import { getSettings } from '../repositories/settings';
import { getAssumptions, listInitiatives } from '../repositories/registers';
import {
  getMetaView,
  getMetricFingerprints,
  getMetricsGeneration,
  putMetricFingerprints,
} from '../repositories/views';
import { buildModelItems } from './model-views';
import { buildLinkageItems } from './linkage-views';

export interface RecomputeState {
  status: 'idle' | 'running' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  inputHash?: string;
  error?: string;
  series?: number;
  /** Input hash the model-based analytics (hazard, RaR, CoPE, initiative impact) were computed for. */
  analyticsInputHash?: string;
  analyticsDurationMs?: number;
  /** How the metric views were built: only the changed points (`incremental`) or everything. */
  mode?: 'incremental' | 'full';
  /** Metric view items written by the last run (incremental runs leave unchanged items untouched). */
  metricItemsRewritten?: number;
  /** Time to the metric views being published (phase 1a), ms. */
  metricsDurationMs?: number;
}

export async function getRecomputeState(): Promise<RecomputeState> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.recomputeState() }));
  if (!res.Item) return { status: 'idle' };
  const { pk: _p, sk: _s, ...rest } = res.Item;
  return rest as RecomputeState;
}

async function setState(s: RecomputeState): Promise<void> {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { ...keys.recomputeState(), ...s } }));
}

/** Hash of every current scope pointer: it changes exactly when an accepted upload changes the inputs. */
export async function currentInputHash(): Promise<string> {
  const h = createHash('sha256');
  for (const kind of INPUT_KINDS) {
    const scopes = await listScopes(kind);
    scopes.sort((a, b) => (a.scope < b.scope ? -1 : 1));
    for (const s of scopes) h.update(`${kind}|${s.scope}|${s.members.join(',')}\n`);
  }
  return h.digest('hex').slice(0, 32);
}

/** Loads every current fact into memory in the shape the view builder takes. */
export async function loadFacts(cutoffMs: number): Promise<Facts> {
  const settings = await getSettings();
  const withBu = async <K extends InputKind>(kind: K) =>
    (await loadCurrentRows(kind)).flatMap(({ pointer, rows }) =>
      rows.map((r) => ({ ...r, scopeBu: pointer.bu })),
    );
  const revenueBlocks = await loadCurrentRows('revenue');
  return {
    reportingCurrency: settings.reportingCurrency,
    // One row per customer: a customer moved by a corrected file counts once, where the latest upload says.
    customers: (await loadCurrentCustomers()).rows,
    revenue: revenueBlocks.flatMap(({ pointer, rows }) => rows.map((r) => ({ ...r, scopeBu: pointer.bu }))),
    revenueCoverage: new Set(revenueBlocks.map((b) => `${b.pointer.bu}#${b.pointer.month}`)),
    fx: (await loadCurrentRows('fx-rates')).flatMap((b) => b.rows),
    contacts: await withBu('contacts'),
    txnSurveys: await withBu('survey-transactional'),
    relSurveys: await withBu('survey-relationship'),
    churnEvents: (await loadCurrentRows('churn-events')).flatMap((b) => b.rows),
    cutoffMs,
  };
}

/** Field-by-field equality of two points (stored maps come back in any key order). */
function samePoint(a: MetricPoint, b: MetricPoint): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const ks = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of ks) if (x[k] !== y[k]) return false;
  return true;
}

const seriesSk = (s: { metric: string; channel?: string }) =>
  s.channel ? `${s.metric}#${s.channel}` : s.metric;

/**
 * The metric view items to write. Full: every series. Incremental (`built.partial`): each rebuilt
 * series' points are merged by period into the stored item, and only items whose points changed are
 * returned — the others stay untouched. Null when the stored items do not match (fall back to full).
 */
async function metricItems(
  built: BuiltViews,
  stamp: Record<string, unknown>,
): Promise<{ items: Item[]; examined: number } | null> {
  const toItem = (s: MetricSeries): Item => ({
    pk: keys.metricViewPk(s.bu, s.grain),
    sk: seriesSk(s),
    ...s,
    ...stamp,
  });
  if (!built.partial) return { items: built.series.map(toItem), examined: built.series.length };
  const partitions = new Map<string, MetricSeries[]>();
  for (const s of built.series) {
    const pk = keys.metricViewPk(s.bu, s.grain);
    (partitions.get(pk) ?? partitions.set(pk, []).get(pk))?.push(s);
  }
  const items: Item[] = [];
  for (const [pk, list] of partitions) {
    const stored = new Map(
      (
        await queryAll({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
        })
      ).map((i) => [i.sk, i]),
    );
    for (const s of list) {
      const old = stored.get(seriesSk(s));
      if (!old) return null;
      const fresh = new Map(s.points.map((p) => [p.period, p]));
      const oldPoints = old.points as MetricPoint[];
      // The builder's periods are the stored item's (same calendar): a period it lacks means a mismatch.
      if (s.points.some((p) => !oldPoints.some((o) => o.period === p.period))) return null;
      const changed = oldPoints.some((p) => {
        const f = fresh.get(p.period);
        return f !== undefined && !samePoint(f, p);
      });
      if (!changed) continue;
      const merged = oldPoints.map((p) => fresh.get(p.period) ?? p);
      // The published points stay readable until this run publishes (see currentMetricItem).
      items.push({
        ...toItem({ ...s, points: merged }),
        prev: { points: oldPoints, computedAt: old.computedAt },
      });
    }
  }
  return { items, examined: built.series.length };
}

/**
 * Materializes the views from the current facts, in the order a reader needs them:
 *
 * 1. **Metric views** (`VIEW#metrics#<bu>#<grain>`, one item per metric and channel). When the stored
 *    input fingerprints are current, only the points whose (bu, month) inputs changed are rebuilt
 *    (see `BuildOptions.previous` in shared/src/views/metric-views.ts) and only the items whose points
 *    changed are rewritten; otherwise (first run, `force`, a changed calendar, BU or channel list, a
 *    failed previous run) everything is rebuilt. The metrics generation is then published on the meta
 *    view (`metricsInputHash`, `metricsComputedAt`) with the calendar and business units: the Overview
 *    shows the new figures from here on.
 * 2. **Linkage views and customer rollups**, stamped with the input hash; the meta view's `inputHash`
 *    moves last, so their readers only ever see complete generations.
 * 3. The model-based analytics (`runAnalyticsPhase`) unless `analytics: false`.
 */
export async function runRecompute(
  opts: { cutoffMs?: number; force?: boolean; analytics?: boolean } = {},
): Promise<RecomputeState> {
  const startedAt = new Date();
  const inputHash = await currentInputHash();
  const prev = await getRecomputeState();
  const wantAnalytics = opts.analytics !== false;
  const metricsCurrent = prev.status === 'idle' && prev.inputHash === inputHash;
  if (!opts.force && metricsCurrent && (!wantAnalytics || prev.analyticsInputHash === inputHash)) return prev;
  if (!opts.force && metricsCurrent && wantAnalytics)
    return runAnalyticsPhase(prev, inputHash, opts.cutoffMs);
  await setState({ ...prev, status: 'running', startedAt: startedAt.toISOString() });
  try {
    const facts = await loadFacts(opts.cutoffMs ?? Date.now());
    const latest = facts.contacts.reduce((m, c) => Math.max(m, c.firstResponseMs ?? c.createdMs), 0);
    // The data cut-off is the newest observed event, so a demo history is not censored at "now".
    if (opts.cutoffMs === undefined && latest > 0) facts.cutoffMs = latest;

    // ---- phase 1a: metric views, incremental when the stored fingerprints describe the published views
    const metaBefore = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.metaView() }));
    const generation = await getMetricsGeneration();
    const fp = opts.force || prev.status !== 'idle' ? null : await getMetricFingerprints();
    const previous =
      fp &&
      generation &&
      fp.computedAt === generation.computedAt &&
      fp.definitionVersion === DEFINITION_VERSION
        ? fp
        : null;
    const metricStart = Date.now();
    let built = buildMetricViews(facts, { previous });
    const computedAt = new Date().toISOString();
    const assumptions = await getAssumptions();
    const stamp = {
      definitionVersion: DEFINITION_VERSION,
      inputHash,
      computedAt,
      assumptionsVersion: assumptions.version,
    };
    let written = await metricItems(built, stamp);
    if (!written) {
      built = buildMetricViews(facts);
      written = await metricItems(built, stamp);
    }
    const metricItemsToWrite = written?.items ?? [];
    await batchPut(metricItemsToWrite);
    const settings = await getSettings();
    const oldMeta = metaBefore.Item;
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          ...(oldMeta ?? {}),
          ...keys.metaView(),
          businessUnits: built.businessUnits.map((id) => ({
            id,
            name: settings.businessUnitNames[id] ?? id,
          })),
          firstMonth: built.firstMonth,
          lastMonth: built.lastMonth,
          currency: facts.reportingCurrency,
          dataAsOf: new Date(facts.cutoffMs).toISOString(),
          fxMissing: built.fxMissing.length,
          // The linkage generation moves in phase 1b; before the first one there is nothing to keep.
          ...(oldMeta ? {} : stamp),
          metricsInputHash: inputHash,
          metricsComputedAt: computedAt,
        },
      }),
    );
    if (built.fingerprints)
      await putMetricFingerprints(built.fingerprints, { computedAt, definitionVersion: DEFINITION_VERSION });
    const metricsMs = Date.now() - metricStart;
    if (!built.partial) {
      // A full rebuild replaces every series: remove those of BUs, channels or metrics that are gone.
      const bus = new Set([
        'ALL',
        ...built.businessUnits,
        ...((oldMeta?.businessUnits as { id: string }[] | undefined) ?? []).map((b) => b.id),
      ]);
      for (const bu of bus) {
        for (const grain of GRAINS) {
          const stale = (await queryPartition(keys.metricViewPk(bu, grain))).filter(
            (i) => i.computedAt !== computedAt,
          );
          await batchDelete(stale);
        }
      }
    }
    logger.info('metric views published', {
      mode: built.partial ? 'incremental' : 'full',
      rewritten: metricItemsToWrite.length,
      examined: written?.examined,
      durationMs: metricsMs,
    });

    // ---- phase 1b: linkage views and customer rollups; then the meta view's generation moves
    const items: Item[] = [];
    if (built.firstMonth !== null && built.lastMonth !== null) {
      items.push(
        ...buildLinkageItems(
          facts,
          built.businessUnits,
          { first: built.firstMonth, last: built.lastMonth },
          assumptions,
          stamp,
        ),
      );
    }
    if (built.lastMonth !== null) {
      const rollups = buildCustomerRollups(facts, built.lastMonth);
      const byBu = new Map<string, typeof rollups>();
      for (const r of rollups) (byBu.get(r.bu) ?? byBu.set(r.bu, []).get(r.bu))?.push(r);
      for (const [bu, rows] of byBu) {
        for (let i = 0; i < rows.length; i += ROWS_PER_BLOCK) {
          items.push({
            pk: keys.rollupPk(bu),
            sk: `${inputHash}#${String(i / ROWS_PER_BLOCK).padStart(5, '0')}`,
            rowCount: Math.min(ROWS_PER_BLOCK, rows.length - i),
            data: encodeRows(rows.slice(i, i + ROWS_PER_BLOCK)),
            ...stamp,
          });
        }
      }
    }
    await batchPut(items);
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: keys.metaView(),
        UpdateExpression:
          'SET inputHash = :h, computedAt = :c, definitionVersion = :d, assumptionsVersion = :a',
        ExpressionAttributeValues: {
          ':h': inputHash,
          ':c': computedAt,
          ':d': DEFINITION_VERSION,
          ':a': assumptions.version,
        },
      }),
    );
    // Rollups of older generations are unreachable once the meta view moved: remove them.
    for (const bu of built.businessUnits) {
      const stale = (await queryPartition(keys.rollupPk(bu))).filter(
        (i) => !i.sk.startsWith(`${inputHash}#`),
      );
      await batchDelete(stale);
    }
    const state: RecomputeState = {
      status: 'idle',
      startedAt: startedAt.toISOString(),
      finishedAt: computedAt,
      durationMs: Date.now() - startedAt.getTime(),
      inputHash,
      series: metricItemsToWrite.length + items.length,
      mode: built.partial ? 'incremental' : 'full',
      metricItemsRewritten: metricItemsToWrite.length,
      metricsDurationMs: metricsMs,
      ...(prev.analyticsInputHash === inputHash ? { analyticsInputHash: inputHash } : {}),
    };
    await setState(state);
    logger.info('recompute finished', { durationMs: state.durationMs, series: state.series, inputHash });
    return wantAnalytics ? runAnalyticsPhase(state, inputHash, opts.cutoffMs, facts) : state;
  } catch (e) {
    const state: RecomputeState = {
      status: 'failed',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      inputHash: prev.inputHash,
      error: e instanceof Error ? e.message : String(e),
    };
    await setState(state);
    logger.error('recompute failed', { error: state.error });
    throw e;
  }
}

/**
 * Second phase: the model-based views, stamped with the same input hash, written after the metric
 * views so the dashboard is usable while they compute. Failures are recorded and do not undo phase 1.
 */
async function runAnalyticsPhase(
  state: RecomputeState,
  inputHash: string,
  cutoffMs?: number,
  loaded?: Facts,
): Promise<RecomputeState> {
  const t0 = Date.now();
  try {
    const facts = loaded ?? (await loadFacts(cutoffMs ?? Date.now()));
    if (!loaded && cutoffMs === undefined) {
      facts.cutoffMs =
        facts.contacts.reduce((m, c) => Math.max(m, c.firstResponseMs ?? c.createdMs), 0) || facts.cutoffMs;
    }
    const meta = await getMetaView();
    if (!meta?.firstMonth || !meta.lastMonth || meta.inputHash !== inputHash) return state;
    const assumptions = await getAssumptions();
    const items = buildModelItems(
      facts,
      meta.businessUnits.map((b) => b.id),
      { first: meta.firstMonth, last: meta.lastMonth },
      assumptions,
      await listInitiatives(),
      {
        definitionVersion: DEFINITION_VERSION,
        inputHash,
        computedAt: new Date().toISOString(),
        assumptionsVersion: assumptions.version,
      },
    );
    await batchPut(items);
    const next = { ...state, analyticsInputHash: inputHash, analyticsDurationMs: Date.now() - t0 };
    await setState(next);
    logger.info('analytics finished', { durationMs: next.analyticsDurationMs, items: items.length });
    return next;
  } catch (e) {
    logger.error('analytics failed', { error: e instanceof Error ? e.message : String(e) });
    const next = { ...state, error: `analytics: ${e instanceof Error ? e.message : String(e)}` };
    await setState(next);
    return next;
  }
}
