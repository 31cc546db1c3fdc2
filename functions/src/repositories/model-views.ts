import { ConflictError } from '../lib/errors';
import { currentViewItems } from './analytics-views';
import { getRecomputeState } from '../recompute/run';
import type { Item } from '../adapters/dynamo';

/**
 * Model-based view items of the current generation. While the second recompute phase is still
 * running for the newest data, answers 409 with a retry hint instead of an older generation's figures.
 */
export async function modelViewItems(pk: string): Promise<Item[]> {
  const { items, generation } = await currentViewItems(pk);
  if (items.length > 0 || generation === null) return items;
  const state = await getRecomputeState();
  if (state.analyticsInputHash !== generation) {
    throw new ConflictError(
      'The model-based analytics for the latest data are still being computed; retry in a minute.',
    );
  }
  return items;
}
