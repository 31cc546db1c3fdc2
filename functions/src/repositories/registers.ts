import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { assumptionsSchema, DEFAULT_ASSUMPTIONS, type Assumptions } from '@cxl/shared/linkage/assumptions';
import { touchpointSchema, type Touchpoint } from '@cxl/shared/linkage/touchpoints';
import { initiativeSchema, type Initiative } from '@cxl/shared/contracts/registers';
import { ddb, queryPartition, TABLE } from '../adapters/dynamo';
import { ConflictError, NotFoundError } from '../lib/errors';

const strip = ({ pk: _p, sk: _s, ...rest }: Record<string, unknown>) => rest;
const vKey = (v: number) => `V#${String(v).padStart(6, '0')}`;

/** The newest saved version, or null before finance saved one. */
async function latestSaved(): Promise<Assumptions | null> {
  const res = await ddb.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':p': 'ASSUMPTIONS', ':v': 'V#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0];
  return item ? assumptionsSchema.parse(strip(item)) : null;
}

/** The current assumptions: the newest saved version (the defaults, as version 1, until one is saved). */
export async function getAssumptions(): Promise<Assumptions> {
  return (await latestSaved()) ?? DEFAULT_ASSUMPTIONS;
}

/** Every version, newest first: the saved (immutable) ones and the defaults as version 1. */
export async function listAssumptionVersions(): Promise<Assumptions[]> {
  const items = await queryPartition('ASSUMPTIONS', 'V#');
  const saved = items.map((i) => assumptionsSchema.parse(strip(i)));
  return [...saved, DEFAULT_ASSUMPTIONS].sort((a, b) => b.version - a.version);
}

/**
 * Saves version N + 1 when `expectedVersion` is still the newest (optimistic concurrency). Versions are
 * immutable items written with `attribute_not_exists`, so of two simultaneous saves exactly one wins and
 * nothing is ever overwritten; the newest item is the current register.
 */
export async function saveAssumptions(
  input: Omit<Assumptions, 'version' | 'updatedBy' | 'updatedAt'>,
  expectedVersion: number,
  by: string,
): Promise<Assumptions> {
  const currentVersion = (await latestSaved())?.version ?? DEFAULT_ASSUMPTIONS.version;
  const conflict = () =>
    new ConflictError(
      `The assumptions changed since you opened them (now version ${currentVersion}); reload and apply your edit again.`,
    );
  if (expectedVersion !== currentVersion) throw conflict();
  const next: Assumptions = assumptionsSchema.parse({
    ...input,
    version: currentVersion + 1,
    updatedBy: by,
    updatedAt: new Date().toISOString(),
  });
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'ASSUMPTIONS', sk: vKey(next.version), ...next },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') throw conflict();
    throw e;
  }
  return next;
}

export async function listInitiatives(): Promise<Initiative[]> {
  return (await queryPartition('INITIATIVE')).map((i) => initiativeSchema.parse(strip(i)));
}
export async function getInitiative(id: string): Promise<Initiative> {
  const it = (await ddb.send(new GetCommand({ TableName: TABLE, Key: { pk: 'INITIATIVE', sk: id } }))).Item;
  if (!it) throw new NotFoundError('No initiative with this id.');
  return initiativeSchema.parse(strip(it));
}
export async function putInitiative(
  input: Omit<Initiative, 'id' | 'createdBy' | 'createdAt' | 'updatedAt'>,
  by: string,
  id?: string,
): Promise<Initiative> {
  const now = new Date().toISOString();
  const prev = id
    ? await getInitiative(id).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      })
    : null;
  const item: Initiative = initiativeSchema.parse({
    ...input,
    id: id ?? randomUUID(),
    createdBy: prev?.createdBy ?? by,
    createdAt: prev?.createdAt ?? now,
    updatedAt: now,
  });
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { pk: 'INITIATIVE', sk: item.id, ...item } }));
  return item;
}
export async function deleteInitiative(id: string): Promise<void> {
  const res = await ddb.send(
    new DeleteCommand({ TableName: TABLE, Key: { pk: 'INITIATIVE', sk: id }, ReturnValues: 'ALL_OLD' }),
  );
  if (!res.Attributes) throw new NotFoundError('No initiative with this id.');
}

export async function listTouchpoints(): Promise<Touchpoint[]> {
  return (await queryPartition('TOUCHPOINT')).map((i) => touchpointSchema.parse(strip(i)));
}
export async function putTouchpoint(t: Touchpoint, mustExist: boolean): Promise<Touchpoint> {
  const item = touchpointSchema.parse(t);
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'TOUCHPOINT', sk: item.touchpointId, ...item },
        ...(mustExist ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException')
      throw new NotFoundError('No touchpoint with this id.');
    throw e;
  }
  return item;
}
export async function deleteTouchpoint(id: string): Promise<void> {
  const res = await ddb.send(
    new DeleteCommand({ TableName: TABLE, Key: { pk: 'TOUCHPOINT', sk: id }, ReturnValues: 'ALL_OLD' }),
  );
  if (!res.Attributes) throw new NotFoundError('No touchpoint with this id.');
}
