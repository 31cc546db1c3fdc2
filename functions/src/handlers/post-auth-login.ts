import { z } from 'zod';
import { localLogin } from '../lib/auth';
import { httpRoute } from '../lib/http';

const bodySchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });

export const handler = httpRoute('post-auth-login', { body: bodySchema }, async ({ body }) => ({
  body: await localLogin(body.email, body.password),
}));
