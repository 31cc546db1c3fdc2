import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, queryAll, TABLE } from '../adapters/dynamo';
import { keys } from './keys';

export interface PeriodLock {
  month: string;
  lockedBy: string;
  lockedAt: string;
}

export async function listPeriodLocks(): Promise<PeriodLock[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': 'PERIOD', ':s': 'LOCK#' },
  });
  return items.map((i) => ({
    month: i.sk.slice('LOCK#'.length),
    lockedBy: String(i.lockedBy),
    lockedAt: String(i.lockedAt),
  }));
}

/** Locks a month; locking a locked month returns the existing lock unchanged. */
export async function lockPeriod(month: string, by: string): Promise<PeriodLock> {
  const lock = { month, lockedBy: by, lockedAt: new Date().toISOString() };
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...keys.periodLock(month), lockedBy: lock.lockedBy, lockedAt: lock.lockedAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return lock;
  } catch (e) {
    if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e;
    const cur = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.periodLock(month) }));
    return { month, lockedBy: String(cur.Item?.lockedBy), lockedAt: String(cur.Item?.lockedAt) };
  }
}

/** Unlocks a month; false when it was not locked. */
export async function unlockPeriod(month: string): Promise<boolean> {
  const res = await ddb.send(
    new DeleteCommand({ TableName: TABLE, Key: keys.periodLock(month), ReturnValues: 'ALL_OLD' }),
  );
  return res.Attributes !== undefined;
}
