import { httpRoute } from '../lib/http';
import { buildOpenApi } from '../openapi';

const doc = buildOpenApi();

export const handler = httpRoute('get-openapi', {}, () => Promise.resolve({ body: doc }));
