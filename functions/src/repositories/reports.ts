import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  reportSubscriptionSchema,
  type Delivery,
  type DeliveryStatus,
  type ReportRun,
  type ReportSubscription,
} from '@cxl/shared/contracts/reports';
import { ddb, queryPartition, TABLE } from '../adapters/dynamo';
import { NotFoundError } from '../lib/errors';

/**
 * Report subscriptions, runs with their per-recipient deliveries, approved external recipients and the
 * key that signs unsubscribe links (docs/data-model.md, R1–R8).
 */
export const reportKeys = {
  subscription: (id: string) => ({ pk: 'REPORTSUB', sk: id }),
  subscriptions: () => 'REPORTSUB',
  run: (runId: string) => ({ pk: `REPORTRUN#${runId}`, sk: 'META' }),
  runsIndex: () => 'REPORTRUNS',
  approved: (email: string) => ({ pk: 'REPORTRECIPIENT', sk: email }),
  approvedAll: () => 'REPORTRECIPIENT',
  tokenKey: () => ({ pk: 'SETTINGS', sk: 'REPORT_TOKEN_KEY' }),
};

const isCcf = (e: unknown) => e instanceof Error && e.name === 'ConditionalCheckFailedException';
const strip = ({ pk: _p, sk: _s, gsi1pk: _g1, gsi1sk: _g2, ...rest }: Record<string, unknown>) => rest;

export async function listSubscriptions(): Promise<ReportSubscription[]> {
  return (await queryPartition(reportKeys.subscriptions())).map((i) =>
    reportSubscriptionSchema.parse(strip(i)),
  );
}

export async function findSubscription(id: string): Promise<ReportSubscription | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: reportKeys.subscription(id), ConsistentRead: true }),
  );
  return res.Item ? reportSubscriptionSchema.parse(strip(res.Item)) : null;
}

export async function getSubscription(id: string): Promise<ReportSubscription> {
  const s = await findSubscription(id);
  if (!s) throw new NotFoundError('No report subscription with this id.');
  return s;
}

export async function putSubscription(s: ReportSubscription): Promise<ReportSubscription> {
  const item = reportSubscriptionSchema.parse(s);
  await ddb.send(
    new PutCommand({ TableName: TABLE, Item: { ...reportKeys.subscription(item.id), ...item } }),
  );
  return item;
}

export async function deleteSubscription(id: string): Promise<void> {
  const res = await ddb.send(
    new DeleteCommand({ TableName: TABLE, Key: reportKeys.subscription(id), ReturnValues: 'ALL_OLD' }),
  );
  if (!res.Attributes) throw new NotFoundError('No report subscription with this id.');
}

/** Records an unsubscribe; idempotent (a second click changes nothing). False when the subscription is gone. */
export async function addUnsubscribed(id: string, email: string): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: reportKeys.subscription(id),
        UpdateExpression: 'SET unsubscribed = list_append(unsubscribed, :e)',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(unsubscribed, :v)',
        ExpressionAttributeValues: { ':e': [email], ':v': email },
      }),
    );
    return true;
  } catch (e) {
    if (!isCcf(e)) throw e;
    return (await findSubscription(id)) !== null;
  }
}

/** Scheduling bookkeeping after a run or a schedule change. */
export async function setSubscriptionRunInfo(
  id: string,
  info: { nextRunAt?: string | null; lastRun?: { runId: string; status: string; at: string } },
): Promise<void> {
  const sets: string[] = [];
  const values: Record<string, unknown> = {};
  if (info.nextRunAt !== undefined) {
    sets.push('nextRunAt = :n');
    values[':n'] = info.nextRunAt;
  }
  if (info.lastRun) {
    sets.push('lastRun = :l');
    values[':l'] = info.lastRun;
  }
  if (sets.length === 0) return;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: reportKeys.subscription(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: values,
      }),
    );
  } catch (e) {
    if (!isCcf(e)) throw e; // deleted meanwhile: nothing to record
  }
}

// --- runs -------------------------------------------------------------------------------------------

type StoredDelivery = Omit<Delivery, 'status'> & { status: DeliveryStatus | 'sending'; leaseUntil?: number };
type StoredRun = Omit<ReportRun, 'deliveries'> & { deliveries: Record<string, StoredDelivery> };

function toRun(item: Record<string, unknown>): ReportRun {
  const r = strip(item) as unknown as StoredRun;
  const deliveries = Object.values(r.deliveries ?? {})
    .map(({ leaseUntil: _l, ...d }) => ({
      ...d,
      // "sending" is an internal lease; the log shows it as queued until the outcome is known.
      status: d.status === 'sending' ? 'queued' : d.status,
    }))
    .sort((a, b) => a.recipient.localeCompare(b.recipient));
  return { ...r, deliveries };
}

/**
 * Creates a run with one queued delivery per recipient (skipped ones already settled). Idempotent on
 * the run id: a run that exists is returned as is (a scheduler delivering the same event twice).
 */
export async function createRun(
  run: Omit<ReportRun, 'deliveries'>,
  recipients: { recipient: string; status: 'queued' | 'skipped'; reason?: string }[],
): Promise<{ run: ReportRun; created: boolean }> {
  const now = run.createdAt;
  const deliveries: Record<string, StoredDelivery> = {};
  for (const r of recipients)
    deliveries[r.recipient] = {
      recipient: r.recipient,
      status: r.status,
      attempts: 0,
      updatedAt: now,
      ...(r.reason ? { reason: r.reason } : {}),
    };
  const item = {
    ...reportKeys.run(run.runId),
    gsi1pk: reportKeys.runsIndex(),
    gsi1sk: `${run.createdAt}#${run.runId}`,
    ...run,
    deliveries,
  };
  try {
    await ddb.send(
      new PutCommand({ TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return { run: toRun(item), created: true };
  } catch (e) {
    if (!isCcf(e)) throw e;
    return { run: await getRun(run.runId), created: false };
  }
}

export async function getRun(runId: string): Promise<ReportRun> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: reportKeys.run(runId), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError('No report run with this id.');
  return toRun(res.Item);
}

/** Newest runs first (GSI1 `REPORTRUNS`), optionally of one subscription. */
export async function listRuns(opts: { limit: number; subscriptionId?: string }): Promise<ReportRun[]> {
  const out: ReportRun[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: {
          ':p': reportKeys.runsIndex(),
          ...(opts.subscriptionId ? { ':s': opts.subscriptionId } : {}),
        },
        ...(opts.subscriptionId ? { FilterExpression: 'subscriptionId = :s' } : {}),
        ScanIndexForward: false,
        Limit: Math.max(opts.limit, 25),
        ExclusiveStartKey,
      }),
    );
    out.push(...(res.Items ?? []).map((i) => toRun(i)));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey && out.length < opts.limit);
  return out.slice(0, opts.limit);
}

export async function updateRun(
  runId: string,
  fields: Partial<Pick<ReportRun, 'status' | 'startedAt' | 'finishedAt' | 'error' | 'subject'>>,
): Promise<void> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return;
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: reportKeys.run(runId),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
    }),
  );
}

/**
 * Claims the delivery of (run, recipient) for one send attempt: succeeds only when it is queued or
 * failed, or a previous attempt's lease expired — never when it was sent. This is the idempotency key
 * of a delivery: a retried or concurrent run cannot send the same report to the same person twice.
 */
export async function claimDelivery(runId: string, recipient: string, leaseMs: number): Promise<boolean> {
  const now = Date.now();
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: reportKeys.run(runId),
        UpdateExpression:
          'SET deliveries.#r.#s = :sending, deliveries.#r.leaseUntil = :lease, deliveries.#r.attempts = deliveries.#r.attempts + :one, deliveries.#r.updatedAt = :at',
        ConditionExpression:
          'deliveries.#r.#s IN (:queued, :failed) OR (deliveries.#r.#s = :sending AND deliveries.#r.leaseUntil < :now)',
        ExpressionAttributeNames: { '#r': recipient, '#s': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':queued': 'queued',
          ':failed': 'failed',
          ':lease': now + leaseMs,
          ':now': now,
          ':one': 1,
          ':at': new Date(now).toISOString(),
        },
      }),
    );
    return true;
  } catch (e) {
    if (isCcf(e)) return false;
    throw e;
  }
}

/** Settles a delivery after an attempt. */
export async function settleDelivery(
  runId: string,
  recipient: string,
  outcome: { status: 'sent'; messageId: string } | { status: 'failed' | 'queued'; reason: string },
): Promise<void> {
  const now = new Date().toISOString();
  const values: Record<string, unknown> = { ':s': outcome.status, ':at': now };
  let expr: string;
  if (outcome.status === 'sent') {
    expr =
      'SET deliveries.#r.#s = :s, deliveries.#r.updatedAt = :at, deliveries.#r.sentAt = :at, deliveries.#r.messageId = :m REMOVE deliveries.#r.leaseUntil, deliveries.#r.reason';
    values[':m'] = outcome.messageId;
  } else {
    expr =
      'SET deliveries.#r.#s = :s, deliveries.#r.updatedAt = :at, deliveries.#r.reason = :why REMOVE deliveries.#r.leaseUntil';
    values[':why'] = outcome.reason.slice(0, 500);
  }
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: reportKeys.run(runId),
      UpdateExpression: expr,
      ExpressionAttributeNames: { '#r': recipient, '#s': 'status' },
      ExpressionAttributeValues: values,
    }),
  );
}

// --- approved external recipients ---------------------------------------------------------------------

export interface ApprovedRecipient {
  email: string;
  approvedBy: string;
  approvedAt: string;
  note?: string;
}

export async function listApproved(): Promise<ApprovedRecipient[]> {
  return (await queryPartition(reportKeys.approvedAll())).map(
    (i) => strip(i) as unknown as ApprovedRecipient,
  );
}
export async function putApproved(r: ApprovedRecipient): Promise<ApprovedRecipient> {
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { ...reportKeys.approved(r.email), ...r } }));
  return r;
}
export async function deleteApproved(email: string): Promise<void> {
  const res = await ddb.send(
    new DeleteCommand({ TableName: TABLE, Key: reportKeys.approved(email), ReturnValues: 'ALL_OLD' }),
  );
  if (!res.Attributes) throw new NotFoundError('This address is not on the approved list.');
}

/**
 * The HMAC key that signs unsubscribe links: created once per deployment (conditional put, so two
 * first callers agree on one key) and kept in the table, so no extra secret has to be provisioned.
 */
export async function reportTokenKey(): Promise<Uint8Array> {
  const read = async () =>
    (await ddb.send(new GetCommand({ TableName: TABLE, Key: reportKeys.tokenKey(), ConsistentRead: true })))
      .Item;
  let item = await read();
  if (!item) {
    try {
      await ddb.send(
        new PutCommand({
          TableName: TABLE,
          Item: {
            ...reportKeys.tokenKey(),
            key: randomBytes(32).toString('base64'),
            createdAt: new Date().toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (!isCcf(e)) throw e;
    }
    item = await read();
  }
  return Buffer.from(String(item?.key), 'base64');
}
