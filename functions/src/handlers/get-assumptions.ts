import { httpRoute } from '../lib/http';
import { getAssumptions, listAssumptionVersions } from '../repositories/registers';

/** GET /api/assumptions: the current register and its version history (who, when). */
export const handler = httpRoute('get-assumptions', {}, async () => {
  const [current, versions] = await Promise.all([getAssumptions(), listAssumptionVersions()]);
  return {
    body: {
      current,
      versions: versions.map(({ version, updatedBy, updatedAt }) => ({ version, updatedBy, updatedAt })),
    },
  };
});
