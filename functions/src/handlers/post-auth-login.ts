import { loginBodySchema } from '@cxl/shared/contracts/api';
import { localLogin } from '../lib/auth';
import { httpRoute } from '../lib/http';

export const handler = httpRoute('post-auth-login', { body: loginBodySchema }, async ({ body }) => ({
  body: await localLogin(body.email, body.password),
}));
