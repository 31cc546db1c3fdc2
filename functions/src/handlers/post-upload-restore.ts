import { ConflictError, NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { assertMayUseKind } from '../lib/upload-access';
import { pointScope } from '../repositories/facts';
import { scopeKey } from '../repositories/keys';
import { getUpload, lockedMonths, updateUpload } from '../repositories/uploads';
import { requestRecompute } from '../recompute/trigger';

/**
 * POST /api/uploads/{uploadId}/restore: makes an earlier accepted upload the content of its scopes
 * again (its blocks were never deleted). Refused for locked months and for uploads that never applied.
 */
export const handler = httpRoute('post-upload-restore', {}, async ({ params, user }) => {
  const u = await getUpload(params.uploadId ?? '');
  if (!u) throw new NotFoundError('No upload with this id.');
  assertMayUseKind(user, u.kind);
  if (u.status !== 'completed') {
    throw new ConflictError(`Only a completed upload can be restored; this one is ${u.status}.`);
  }
  const scope = u.scope ?? [];
  const locked = await lockedMonths();
  const blocked = [...new Set(scope.filter((s) => locked.has(s.month)).map((s) => s.month))];
  if (blocked.length > 0) {
    throw new ConflictError(
      `Restoring would change locked month(s) ${blocked.join(', ')}; unlock them first.`,
      { months: blocked },
    );
  }
  const now = new Date().toISOString();
  const superseded = new Set<string>();
  for (const s of scope) {
    for (const prev of await pointScope(u.kind, scopeKey(s.bu, s.month), u.uploadId, now)) {
      if (prev !== u.uploadId) superseded.add(prev);
    }
  }
  await updateUpload(u.uploadId, { restoredAt: now, restoredBy: user?.email ?? 'unknown' });
  await requestRecompute({ force: false });
  return { body: { uploadId: u.uploadId, restoredScopes: scope, supersedes: [...superseded] } };
});
