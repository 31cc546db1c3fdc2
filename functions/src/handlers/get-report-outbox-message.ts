import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { outboxDir } from '../reports/mail';
import { readOutboxHtml } from '../reports/outbox';

/** GET /api/reports/outbox/{file} (local host): one outbox message as HTML with its images inline. */
export const handler = httpRoute('get-report-outbox-message', {}, async ({ params }) => {
  const dir = outboxDir();
  const out = dir ? await readOutboxHtml(dir, params.file ?? '') : null;
  if (out === null) throw new NotFoundError('No such message in the outbox.');
  return { body: out, raw: true, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
});
