import { httpRoute } from '../lib/http';
import { currentInputHash, getRecomputeState } from '../recompute/run';

export const handler = httpRoute('get-recompute-status', {}, async () => {
  const [state, inputHash] = await Promise.all([getRecomputeState(), currentInputHash()]);
  return { body: { ...state, upToDate: state.inputHash === inputHash, currentInputHash: inputHash } };
});
