import { GetCommand } from '@aws-sdk/lib-dynamodb';
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
