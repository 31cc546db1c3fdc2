import { logger } from '../lib/logger';
import { runRecompute, type RecomputeState } from '../recompute/run';

/** Async worker: materializes the views. Invoked by the API, after uploads and nightly. */
export const handler = async (event: { force?: boolean } | undefined): Promise<RecomputeState> => {
  logger.info('recompute requested', { force: event?.force ?? false });
  return runRecompute({ force: event?.force ?? false });
};
