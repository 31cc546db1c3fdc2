import { z } from 'zod';
import { INPUT_KINDS, type InputKind } from './inputs';
import { monthSchema } from './common';

/** Upload flow of contracts.md: request a presigned POST, post the file, poll the status. */

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const MAX_BATCH_RECORDS = 1_000;

/** Kinds finance owns; every other kind belongs to CX managers (admins may upload all). */
export const FINANCE_KINDS: readonly InputKind[] = ['revenue', 'fx-rates'];

/** Default error policy: finance files are all-or-nothing, the rest quarantine invalid rows. */
export function defaultOnError(kind: InputKind): 'reject-file' | 'accept-valid' {
  return FINANCE_KINDS.includes(kind) ? 'reject-file' : 'accept-valid';
}

export const uploadKindSchema = z.enum(INPUT_KINDS);
export const onErrorSchema = z.enum(['reject-file', 'accept-valid']);
export const uploadStatusSchema = z.enum([
  'pending',
  'processing',
  'completed',
  'rejected',
  'failed',
  'duplicate',
]);

export const uploadOptionsSchema = z
  .object({
    onError: onErrorSchema.optional(),
    /** Decimal separator of amounts when the file uses a decimal comma (`1.234,50`). */
    decimal: z.enum(['.', ',']).optional(),
  })
  .strict();
export type UploadOptions = z.infer<typeof uploadOptionsSchema>;

export const createUploadBodySchema = z
  .object({
    kind: uploadKindSchema,
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine(
        (n) => !/[/\\]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20),
        'a file name without slashes or control characters',
      )
      .refine((n) => /\.(csv|tsv|txt|xlsx)$/i.test(n), 'the file must be .csv, .tsv, .txt or .xlsx'),
    size: z
      .number()
      .int()
      .positive()
      .max(MAX_UPLOAD_BYTES, `files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
    contentType: z.string().max(200),
    options: uploadOptionsSchema.optional(),
  })
  .strict();
export type CreateUploadBody = z.infer<typeof createUploadBodySchema>;

export const createUploadResponseSchema = z.object({
  uploadId: z.string(),
  upload: z.object({ url: z.string(), method: z.literal('POST'), fields: z.record(z.string(), z.string()) }),
});

export const rowIssueSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type RowIssueDto = z.infer<typeof rowIssueSchema>;

export const uploadSchema = z.object({
  uploadId: z.string(),
  kind: uploadKindSchema,
  fileName: z.string(),
  status: uploadStatusSchema,
  onError: onErrorSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  sha256: z.string().optional(),
  rowsTotal: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  /** The first 200 row errors; the full list pages through GET /api/uploads/{id}/errors. */
  errors: z.array(rowIssueSchema),
  errorCount: z.number().int(),
  errorReportUrl: z.string().nullable(),
  scope: z.array(z.object({ bu: z.string(), month: z.string() })),
  supersedes: z.array(z.string()),
  duplicateOf: z.string().optional(),
  message: z.string().optional(),
  /** True while this upload is the content of at least one of its scopes. */
  current: z.boolean(),
});
export type UploadDto = z.infer<typeof uploadSchema>;

export const listUploadsQuerySchema = z.object({ kind: uploadKindSchema.optional() });
export const listUploadsResponseSchema = z.object({ uploads: z.array(uploadSchema) });

export const uploadErrorsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export const uploadErrorsResponseSchema = z.object({
  uploadId: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  errors: z.array(rowIssueSchema),
});

export const restoreResponseSchema = z.object({
  uploadId: z.string(),
  restoredScopes: z.array(z.object({ bu: z.string(), month: z.string() })),
  supersedes: z.array(z.string()),
});

export const periodLockSchema = z.object({ month: monthSchema, lockedBy: z.string(), lockedAt: z.string() });
export const periodsResponseSchema = z.object({ locks: z.array(periodLockSchema) });

export const ingestBatchBodySchema = z
  .object({ records: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BATCH_RECORDS) })
  .strict();
export const ingestBatchResponseSchema = z.object({
  batchId: z.string(),
  status: z.enum(['completed', 'rejected']),
  recordsTotal: z.number().int(),
  recordsAccepted: z.number().int(),
  recordsRejected: z.number().int(),
  errors: z.array(rowIssueSchema.extend({ row: z.number().int().describe('0-based index in records') })),
  scope: z.array(z.object({ bu: z.string(), month: z.string() })),
  replayed: z
    .boolean()
    .describe(
      'true when this answer is the stored result of an earlier request with the same Idempotency-Key',
    ),
});
/** Kinds accepted by POST /api/ingest/{kind}. */
export const BATCH_KINDS = ['contacts', 'survey-transactional', 'survey-relationship'] as const;
