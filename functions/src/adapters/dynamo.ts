import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

/** Module-scope client: created once per cold start. */
export const ddbClient = new DynamoDBClient({
  region: config.AWS_REGION,
  ...(config.DYNAMODB_ENDPOINT
    ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  maxAttempts: 8,
});
export const ddb = DynamoDBDocumentClient.from(ddbClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
export const TABLE = config.TABLE_NAME;

export type Item = Record<string, unknown> & { pk: string; sk: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff delay for attempt `n` (0-based), capped at `capMs`. */
export function backoffMs(n: number, baseMs = 50, capMs = 5_000, rand: () => number = Math.random): number {
  return Math.floor(rand() * Math.min(capMs, baseMs * 2 ** n));
}

/**
 * Writes items in batches of 25, retrying `UnprocessedItems` (and throttling errors, which the SDK
 * retries itself) with full-jitter backoff. Throws after `maxRounds` rounds without progress.
 */
export async function batchPut(items: readonly Item[], client = ddb, maxRounds = 12): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= maxRounds)
        throw new Error(`batch write left ${pending.length} unprocessed items after ${round} rounds`);
      if (round > 0) await sleep(backoffMs(round));
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (out.UnprocessedItems?.[TABLE] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item as Item } }] : [],
      );
    }
  }
}

/** Deletes items by key in batches of 25, retrying `UnprocessedItems` with backoff. */
export async function batchDelete(
  keysToDelete: readonly { pk: string; sk: string }[],
  client = ddb,
): Promise<void> {
  for (let i = 0; i < keysToDelete.length; i += 25) {
    let pending = keysToDelete
      .slice(i, i + 25)
      .map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= 12) throw new Error(`batch delete left ${pending.length} unprocessed items`);
      if (round > 0) await sleep(backoffMs(round));
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (out.UnprocessedItems?.[TABLE] ?? []).flatMap((r) =>
        r.DeleteRequest?.Key
          ? [{ DeleteRequest: { Key: r.DeleteRequest.Key as { pk: string; sk: string } } }]
          : [],
      );
    }
  }
}

/** Reads items by key in batches of 100, retrying `UnprocessedKeys` with backoff. */
export async function batchGet(keys: readonly { pk: string; sk: string }[], client = ddb): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 100).map((k) => ({ pk: k.pk, sk: k.sk }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= 12) throw new Error('batch get did not complete');
      if (round > 0) await sleep(backoffMs(round));
      const res = await client.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: pending } } }));
      out.push(...((res.Responses?.[TABLE] ?? []) as Item[]));
      pending = (res.UnprocessedKeys?.[TABLE]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

/** Runs a query to the end, following `LastEvaluatedKey` (each page ≤ 1 MB). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName'>, client = ddb): Promise<Item[]> {
  const out: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await client.send(new QueryCommand({ ...input, TableName: TABLE, ExclusiveStartKey }));
    out.push(...((res.Items ?? []) as Item[]));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** All items of one partition, optionally limited to a sort-key prefix. */
export function queryPartition(pk: string, skPrefix?: string, client = ddb): Promise<Item[]> {
  return queryAll(
    skPrefix === undefined
      ? { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }
      : {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': skPrefix },
        },
    client,
  );
}
