import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { INPUT_KINDS } from '@cxl/shared/contracts/inputs';
import { buildCustomerRollups } from '@cxl/shared/views/customer-rollups';
import { buildMetricViews, DEFINITION_VERSION, type Facts } from '@cxl/shared/views/metric-views';
import { batchDelete, batchPut, ddb, queryPartition, TABLE, type Item } from '../adapters/dynamo';
import { logger } from '../lib/logger';
import { encodeRows, listScopes, loadCurrentRows, ROWS_PER_BLOCK } from '../repositories/facts';
import { keys } from '../repositories/keys';
import { getSettings } from '../repositories/settings';
import { getAssumptions, listInitiatives } from '../repositories/registers';
import { getMetaView } from '../repositories/views';
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
    customers: (await loadCurrentRows('customers')).flatMap((b) => b.rows),
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

/**
 * Materializes the metric views from the current facts: one item per (bu, grain, metric, channel),
 * stamped with definition version and input hash, plus the meta view the API uses to pick the
 * current generation. Readers only ever see complete generations: the meta item moves last.
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
    const built = buildMetricViews(facts);
    const computedAt = new Date().toISOString();
    const assumptions = await getAssumptions();
    const stamp = {
      definitionVersion: DEFINITION_VERSION,
      inputHash,
      computedAt,
      assumptionsVersion: assumptions.version,
    };
    const items: Item[] = built.series.map((s) => ({
      pk: keys.metricViewPk(s.bu, s.grain),
      sk: s.channel ? `${s.metric}#${s.channel}` : s.metric,
      ...s,
      ...stamp,
    }));
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
    const settings = await getSettings();
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
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
          ...stamp,
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
      series: items.length,
      ...(prev.analyticsInputHash === inputHash ? { analyticsInputHash: inputHash } : {}),
    };
    await setState(state);
    logger.info('recompute finished', { durationMs: state.durationMs, series: items.length, inputHash });
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
