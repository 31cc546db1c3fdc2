import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, TABLE } from '../adapters/dynamo';
import { httpRoute } from '../lib/http';
import { keys } from '../repositories/keys';

export const handler = httpRoute('get-meta', {}, async () => {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.metaView() }));
  const m = res.Item;
  if (!m) {
    return {
      body: { businessUnits: [], firstMonth: null, lastMonth: null, currency: null, dataAsOf: null, definitionVersion: null, inputHash: null },
    };
  }
  return {
    body: {
      businessUnits: m.businessUnits,
      firstMonth: m.firstMonth,
      lastMonth: m.lastMonth,
      currency: m.currency,
      dataAsOf: m.dataAsOf,
      definitionVersion: m.definitionVersion,
      inputHash: m.inputHash,
      computedAt: m.computedAt,
    },
  };
});
