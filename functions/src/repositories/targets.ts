import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  targetsRegisterSchema,
  type TargetEntry,
  type TargetsRegister,
} from '@cxl/shared/benchmarks/compare';
import { ddb, queryPartition, TABLE } from '../adapters/dynamo';
import { ConflictError, ValidationError } from '../lib/errors';

const PK = 'TARGETS';
const vKey = (v: number) => `V#${String(v).padStart(6, '0')}`;
const strip = ({ pk: _p, sk: _s, ...rest }: Record<string, unknown>) => rest;
const EMPTY: TargetsRegister = { version: 0, targets: [], updatedBy: '', updatedAt: '' };

/** The current targets: the newest saved version (version 0, no targets, until one is saved). */
export async function getTargets(): Promise<TargetsRegister> {
  const res = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':p': PK, ':v': 'V#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0];
  return item ? targetsRegisterSchema.parse(strip(item)) : EMPTY;
}

/** Every saved version, newest first. */
export async function listTargetVersions(): Promise<TargetsRegister[]> {
  const items = await queryPartition(PK, 'V#');
  return items.map((i) => targetsRegisterSchema.parse(strip(i))).sort((a, b) => b.version - a.version);
}

/**
 * Saves version N + 1 when `expectedVersion` is still the newest, like the assumptions register:
 * versions are immutable items written with `attribute_not_exists`, so of two simultaneous saves exactly
 * one wins. Two entries for the same (metric, bu, grain, channel) are refused with both positions named.
 */
export async function saveTargets(
  targets: readonly TargetEntry[],
  expectedVersion: number,
  by: string,
): Promise<TargetsRegister> {
  const seen = new Map<string, number>();
  targets.forEach((t, i) => {
    const k = `${t.metric}|${t.bu}|${t.grain ?? '*'}|${t.channel ?? '*'}`;
    const j = seen.get(k);
    if (j !== undefined)
      throw new ValidationError(
        `targets[${j}] and targets[${i}] are both for ${t.metric} / ${t.bu}${t.grain ? ` / ${t.grain}` : ''}${t.channel ? ` / ${t.channel}` : ''}; keep one.`,
        [{ path: `targets.${i}`, message: 'duplicate target' }],
      );
    seen.set(k, i);
  });
  const current = (await getTargets()).version;
  const conflict = () =>
    new ConflictError(
      `The targets changed since you opened them (now version ${current}); reload and apply your edit again.`,
    );
  if (expectedVersion !== current) throw conflict();
  const next = targetsRegisterSchema.parse({
    version: current + 1,
    targets,
    updatedBy: by,
    updatedAt: new Date().toISOString(),
  });
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: PK, sk: vKey(next.version), ...next },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') throw conflict();
    throw e;
  }
  return next;
}
