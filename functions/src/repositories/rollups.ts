import type { CustomerRollup } from '@cxl/shared/views/customer-rollups';
import { queryPartition } from '../adapters/dynamo';
import { decodeRows } from './facts';
import { keys } from './keys';

/**
 * The customer rollups of one business unit in the generation `inputHash` (access pattern A13):
 * the gzip JSON blocks `ROLLUP#customer#<bu>` / `<inputHash>#<chunk>` written by recompute.
 */
export async function getCustomerRollups(bu: string, inputHash: string): Promise<CustomerRollup[]> {
  const items = await queryPartition(keys.rollupPk(bu), `${inputHash}#`);
  items.sort((a, b) => (a.sk < b.sk ? -1 : 1));
  return items.flatMap((i) => decodeRows<CustomerRollup>(i.data as Uint8Array));
}
