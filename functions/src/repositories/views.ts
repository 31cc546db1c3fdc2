import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MetricFingerprints } from '@cxl/shared/views/metric-views';
import { metaResponseSchema } from '@cxl/shared/contracts/api';
import type { z } from 'zod';
import { ddb, TABLE } from '../adapters/dynamo';
import { keys } from './keys';

export type MetaView = z.infer<typeof metaResponseSchema>;

/** The meta view of the current generation, or null before the first recompute. */
export async function getMetaView(): Promise<MetaView | null> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.metaView() }));
  return res.Item ? metaResponseSchema.parse(res.Item) : null;
}

/**
 * The generation of the metric views (`VIEW#metrics#…` items): its input hash and time. Recompute
 * publishes it as soon as the metric views are written — before the slower linkage views move the
 * meta view's own `inputHash` — so the Overview shows a correction first. A metric item is current when
 * its `computedAt` is not after `computedAt` here: an incremental recompute rewrites only the items
 * whose points changed and leaves the others (older `computedAt`) untouched.
 */
export async function getMetricsGeneration(): Promise<{ inputHash: string; computedAt: string } | null> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.metaView() }));
  const i = res.Item;
  if (!i) return null;
  const inputHash = (i.metricsInputHash ?? i.inputHash) as unknown;
  const computedAt = (i.metricsComputedAt ?? i.computedAt) as unknown;
  return typeof inputHash === 'string' && typeof computedAt === 'string' ? { inputHash, computedAt } : null;
}

/**
 * The stored metric view item as of the published generation: the item itself when it is not newer;
 * while a recompute is between writing an item and publishing, the item's previous points (`prev`, kept
 * by the writer) so a series never disappears from the dashboard; otherwise null.
 */
export function currentMetricItem<T extends Record<string, unknown>>(
  item: T,
  gen: { computedAt: string } | null,
): T | null {
  if (isCurrentMetricItem(item, gen)) return item;
  const prev = item.prev as { points?: unknown; computedAt?: unknown } | undefined;
  if (gen && prev && typeof prev.computedAt === 'string' && prev.computedAt <= gen.computedAt)
    return { ...item, points: prev.points, computedAt: prev.computedAt };
  return null;
}

/** Whether a stored metric view item belongs to the published metrics generation. */
export function isCurrentMetricItem(
  item: Record<string, unknown>,
  gen: { computedAt: string } | null,
): boolean {
  return gen !== null && typeof item.computedAt === 'string' && item.computedAt <= gen.computedAt;
}

const FINGERPRINTS = { pk: 'VIEW#meta', sk: 'METRIC-FINGERPRINTS' };

/** Input fingerprints of the published metric views, stamped with their generation's `computedAt`. */
export async function getMetricFingerprints(): Promise<
  (MetricFingerprints & { computedAt: string; definitionVersion: string }) | null
> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: FINGERPRINTS, ConsistentRead: true }));
  const i = res.Item;
  if (!i || typeof i.global !== 'string' || typeof i.computedAt !== 'string') return null;
  return {
    global: i.global,
    cells: JSON.parse(String(i.cells)) as Record<string, string>,
    computedAt: i.computedAt,
    definitionVersion: String(i.definitionVersion),
  };
}

export async function putMetricFingerprints(
  fp: MetricFingerprints,
  stamp: { computedAt: string; definitionVersion: string },
): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: { ...FINGERPRINTS, global: fp.global, cells: JSON.stringify(fp.cells), ...stamp },
    }),
  );
}
