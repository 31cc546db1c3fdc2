import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ddb, TABLE } from '../adapters/dynamo';
import { keys } from './keys';

export const settingsSchema = z.object({
  reportingCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  timeZone: z.string().default('UTC'),
  locale: z.enum(['en', 'zh-CN']).default('en'),
  businessUnitNames: z.record(z.string(), z.string()).default({}),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Tenant settings; defaults when none were saved yet. */
export async function getSettings(): Promise<Settings> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.settings() }));
  return settingsSchema.parse(res.Item ?? {});
}

export async function putSettings(s: Settings): Promise<void> {
  await ddb.send(
    new PutCommand({ TableName: TABLE, Item: { ...keys.settings(), ...settingsSchema.parse(s) } }),
  );
}
