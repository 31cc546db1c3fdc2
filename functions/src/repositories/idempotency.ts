import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from '../adapters/dynamo';
import { ConflictError, DomainError, ValidationError } from '../lib/errors';

const TTL_S = 7 * 24 * 3600;
const IN_PROGRESS_S = 120;

/**
 * Runs `fn` at most once per (scope, Idempotency-Key): the first call records "in progress", stores the
 * result when done and every retry with the same key and body gets that stored result back. The same
 * key with a different body is refused; a concurrent retry while the first is running is a 409.
 */
export async function onceForKey<T>(
  scope: string,
  key: string,
  body: unknown,
  fn: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const pk = `IDEMP#${scope}#${key}`;
  let canonical: string;
  try {
    canonical = JSON.stringify(body);
  } catch (e) {
    // A body nested too deeply for the serializer (RangeError) is the client's input, not our failure.
    if (e instanceof RangeError)
      throw new ValidationError(
        'The request body is nested too deeply to process; send flat records (field: single value).',
      );
    throw e;
  }
  const bodyHash = createHash('sha256').update(canonical).digest('hex');
  const now = Math.floor(Date.now() / 1000);
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk, sk: 'IDEMP', status: 'in-progress', bodyHash, startedAt: now, ttl: now + TTL_S },
        // A stale in-progress record (the first attempt died) may be taken over.
        ConditionExpression: 'attribute_not_exists(pk) OR (#s = :ip AND startedAt < :stale)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':ip': 'in-progress', ':stale': now - IN_PROGRESS_S },
      }),
    );
  } catch (e) {
    if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e;
    const cur = (
      await ddb.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'IDEMP' }, ConsistentRead: true }))
    ).Item;
    if (cur?.bodyHash !== bodyHash) {
      throw new DomainError(
        'unprocessable',
        'This Idempotency-Key was already used with a different request body; use a new key.',
      );
    }
    if (cur.status === 'done') return { result: JSON.parse(String(cur.result)) as T, replayed: true };
    throw new ConflictError(
      'A request with this Idempotency-Key is still being processed; retry in a few seconds.',
    );
  }
  const result = await fn();
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { pk, sk: 'IDEMP' },
      UpdateExpression: 'SET #s = :d, #r = :r',
      ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
      ExpressionAttributeValues: { ':d': 'done', ':r': JSON.stringify(result) },
    }),
  );
  return { result, replayed: false };
}
