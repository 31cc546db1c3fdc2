import { uploadErrorsQuerySchema } from '@cxl/shared/contracts/uploads';
import { csvCell } from '@cxl/shared/csv';
import { queryPartition } from '../adapters/dynamo';
import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { assertMayUseKind } from '../lib/upload-access';
import { getUpload, type RowIssue } from '../repositories/uploads';

/** GET /api/uploads/{uploadId}/errors: every row error, paginated, or the full report as CSV. */
export const handler = httpRoute(
  'get-upload-errors',
  { query: uploadErrorsQuerySchema },
  async ({ params, query, user }) => {
    const u = await getUpload(params.uploadId ?? '');
    if (!u) throw new NotFoundError('No upload with this id.');
    assertMayUseKind(user, u.kind);
    const chunks = await queryPartition(`UPLOAD#${u.uploadId}`, 'ERR#');
    chunks.sort((a, b) => (a.sk < b.sk ? -1 : 1));
    const all = chunks.flatMap((c) => (c.errors as RowIssue[] | undefined) ?? []);
    if (query.format === 'csv') {
      const lines = [
        'row,column,value,reason',
        ...all.map((e) => [e.row, e.column, e.value, e.reason].map(csvCell).join(',')),
      ];
      const name = u.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_');
      return {
        body: `\uFEFF${lines.join('\r\n')}\r\n`,
        raw: true,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}-errors.csv"`,
        },
      };
    }
    const start = (query.page - 1) * query.pageSize;
    return {
      body: {
        uploadId: u.uploadId,
        total: all.length,
        page: query.page,
        pageSize: query.pageSize,
        errors: all.slice(start, start + query.pageSize),
      },
    };
  },
);
