import { httpRoute } from '../lib/http';
import { getMetaView } from '../repositories/views';

const EMPTY = {
  businessUnits: [],
  firstMonth: null,
  lastMonth: null,
  currency: null,
  dataAsOf: null,
  definitionVersion: null,
  inputHash: null,
  computedAt: null,
};

export const handler = httpRoute('get-meta', {}, async () => ({ body: (await getMetaView()) ?? EMPTY }));
