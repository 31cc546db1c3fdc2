import { httpRoute } from '../lib/http';
import { outboxDir } from '../reports/mail';
import { listOutbox } from '../reports/outbox';

/** GET /api/reports/outbox (local host): the .eml files written instead of sending, newest first. */
export const handler = httpRoute('get-report-outbox', {}, async () => {
  const dir = outboxDir();
  return { body: { enabled: dir !== null, messages: dir ? await listOutbox(dir) : [] } };
});
