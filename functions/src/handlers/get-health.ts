import { httpRoute } from '../lib/http';

export const handler = httpRoute('get-health', {}, () => Promise.resolve({ body: { status: 'ok' } }));
