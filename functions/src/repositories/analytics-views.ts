import { queryPartition, type Item } from '../adapters/dynamo';
import { getMetaView } from './views';

/** View items of a partition that belong to the current generation (the meta view's input hash). */
export async function currentViewItems(pk: string): Promise<{ items: Item[]; generation: string | null }> {
  const meta = await getMetaView();
  if (!meta?.inputHash) return { items: [], generation: null };
  const items = (await queryPartition(pk)).filter((i) => i.inputHash === meta.inputHash);
  return { items, generation: meta.inputHash };
}

export function stampOf(i: Item): Record<string, unknown> {
  return {
    definitionVersion: i.definitionVersion,
    inputHash: i.inputHash,
    assumptionsVersion: i.assumptionsVersion,
    computedAt: i.computedAt,
    resamples: i.resamples,
    seed: typeof i.seed === 'number' ? i.seed : 1,
  };
}
