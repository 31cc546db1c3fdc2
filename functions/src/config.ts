import { z } from 'zod';

/**
 * The only module that reads `process.env`; parsed once at cold start. The local host sets the same
 * variables before importing any handler.
 */
const envSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Local only: dynalite endpoint. Absent in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AUTH_MODE: z.enum(['local', 'cognito']).default('cognito'),
  /** Local identity: the public JWK (JSON) that verifies tokens signed by the local host. */
  LOCAL_JWT_PUBLIC_JWK: z.string().optional(),
  /** Local identity: the private JWK (JSON) used by POST /api/auth/login. */
  LOCAL_JWT_PRIVATE_JWK: z.string().optional(),
  COGNITO_ISSUER: z.url().optional(),
  COGNITO_CLIENT_ID: z.string().optional(),
  /** Local only: the password every demo user signs in with. */
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  RECOMPUTE_FUNCTION_NAME: z.string().optional(),
  /** AWS: the uploads bucket (presigned POSTs go there; its object-created events start processing). */
  UPLOAD_BUCKET: z.string().optional(),
  /** Local: folder of the blob store and the secret that signs local upload policies. */
  LOCAL_BLOB_DIR: z.string().optional(),
  LOCAL_BLOB_SECRET: z.string().optional(),
  /** Reports: base URL of the dashboard (links in report emails and unsubscribe links). */
  PUBLIC_URL: z.url().optional(),
  /** Reports, AWS: sender address and SES configuration set (SES v2). */
  SES_FROM: z.string().optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  /** Reports, AWS: EventBridge Scheduler group, the role schedules run as, the worker they invoke, its DLQ. */
  SCHEDULE_GROUP: z.string().optional(),
  SCHEDULER_ROLE_ARN: z.string().optional(),
  REPORT_WORKER_ARN: z.string().optional(),
  SCHEDULE_DLQ_ARN: z.string().optional(),
  /** Reports: the report worker's function name for send-now (async invoke); falls back to REPORT_WORKER_ARN. */
  REPORT_FUNCTION_NAME: z.string().optional(),
  /** Reports, local: SMTP server URL (smtp://user:pass@host:port); without it mail goes to the outbox. */
  SMTP_URL: z.string().optional(),
  /** Reports, local: folder of the .eml outbox. */
  REPORT_OUTBOX_DIR: z.string().optional(),
  /** Reports: sender address outside AWS. */
  MAIL_FROM: z.string().default('CX Ledger <reports@cx-ledger.local>'),
  /** Reports: comma-separated email domains that count as internal (no admin approval needed). */
  INTERNAL_EMAIL_DOMAINS: z.string().default(''),
});

export type Config = z.infer<typeof envSchema>;

function load(): Config {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  const c = parsed.data;
  if (c.AUTH_MODE === 'local' && !c.LOCAL_JWT_PUBLIC_JWK)
    throw new Error('AUTH_MODE=local needs LOCAL_JWT_PUBLIC_JWK');
  if (c.AUTH_MODE === 'cognito' && !c.COGNITO_ISSUER)
    throw new Error('AUTH_MODE=cognito needs COGNITO_ISSUER');
  return c;
}

export const config: Config = load();
