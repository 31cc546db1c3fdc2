import { httpRoute } from '../lib/http';
import { getTargets, listTargetVersions } from '../repositories/targets';

/** GET /api/targets: the current targets register and its version history (who, when). */
export const handler = httpRoute('get-targets', {}, async () => {
  const [current, versions] = await Promise.all([getTargets(), listTargetVersions()]);
  return {
    body: {
      current,
      versions: versions.map(({ version, updatedBy, updatedAt }) => ({ version, updatedBy, updatedAt })),
    },
  };
});
