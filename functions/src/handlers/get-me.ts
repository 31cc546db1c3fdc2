import { httpRoute } from '../lib/http';

export const handler = httpRoute('get-me', {}, ({ user }) =>
  Promise.resolve({ body: { email: user?.email ?? '', roles: user?.roles ?? [] } }),
);
