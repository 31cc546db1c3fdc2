import type { UploadDto } from '@cxl/shared/contracts/uploads';
import { defaultOnError } from '@cxl/shared/contracts/uploads';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { listScopes } from './facts';
import type { UploadRecord } from './uploads';

/** Upload ids that are (part of) the content of at least one scope of `kind`. */
export async function currentUploadIds(kind: InputKind): Promise<Set<string>> {
  return new Set((await listScopes(kind)).flatMap((s) => s.members));
}

/** A pending upload whose file never arrived within the presigned POST's lifetime (+ margin). */
const ABANDONED_AFTER_MS = 30 * 60 * 1000;

/** The API shape of an upload record. */
export function toUploadDto(u: UploadRecord, current: ReadonlySet<string>, now = Date.now()): UploadDto {
  if (u.status === 'pending' && now - Date.parse(u.createdAt) > ABANDONED_AFTER_MS) {
    u = {
      ...u,
      status: 'failed',
      message: 'The file never arrived (the upload was cancelled or interrupted); upload it again.',
    };
  }
  return {
    uploadId: u.uploadId,
    kind: u.kind,
    fileName: u.fileName,
    status: u.status,
    onError: u.onError ?? defaultOnError(u.kind),
    createdBy: u.createdBy,
    createdAt: u.createdAt,
    ...(u.finishedAt ? { finishedAt: u.finishedAt } : {}),
    ...(u.sha256 ? { sha256: u.sha256 } : {}),
    rowsTotal: u.rowsTotal ?? 0,
    rowsAccepted: u.rowsAccepted ?? 0,
    rowsRejected: u.rowsRejected ?? 0,
    errors: u.errors ?? [],
    errorCount: u.errorCount ?? 0,
    errorReportUrl: (u.errorCount ?? 0) > 0 ? `/api/uploads/${u.uploadId}/errors?format=csv` : null,
    scope: u.scope ?? [],
    supersedes: u.supersedes ?? [],
    ...(u.duplicateOf ? { duplicateOf: u.duplicateOf } : {}),
    ...(u.message ? { message: u.message } : {}),
    current: current.has(u.uploadId),
  };
}
