/** Shapes of the uploads API, inferred from the shared zod contract (shared/src/contracts/uploads.ts). */
import type { z } from 'zod';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import type {
  createUploadBodySchema,
  createUploadResponseSchema,
  listUploadsResponseSchema,
  onErrorSchema,
  periodLockSchema,
  periodsResponseSchema,
  restoreResponseSchema,
  rowIssueSchema,
  uploadErrorsResponseSchema,
  uploadSchema,
  uploadStatusSchema,
} from '@cxl/shared/contracts/uploads';

export type { InputKind };
export type Upload = z.infer<typeof uploadSchema>;
export type UploadStatus = z.infer<typeof uploadStatusSchema>;
export type OnError = z.infer<typeof onErrorSchema>;
export type RowIssue = z.infer<typeof rowIssueSchema>;
export type CreateUploadBody = z.infer<typeof createUploadBodySchema>;
export type CreateUploadResponse = z.infer<typeof createUploadResponseSchema>;
export type UploadTarget = CreateUploadResponse['upload'];
export type ListUploadsResponse = z.infer<typeof listUploadsResponseSchema>;
export type UploadErrorsResponse = z.infer<typeof uploadErrorsResponseSchema>;
export type RestoreResponse = z.infer<typeof restoreResponseSchema>;
export type PeriodLock = z.infer<typeof periodLockSchema>;
export type PeriodsResponse = z.infer<typeof periodsResponseSchema>;
export type Scope = Upload['scope'];

/** Statuses after which an upload does not change any more (polling stops). */
export const FINAL_STATUSES: readonly UploadStatus[] = ['completed', 'rejected', 'failed', 'duplicate'];

export function isFinal(status: UploadStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
