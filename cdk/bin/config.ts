import path from 'node:path';
import type { DeployConfig } from '../lib/cx-ledger';
import { REPO_ROOT } from '../lib/paths';

/** Context key → environment variable fallback. */
const ENV_FALLBACK = {
  stage: 'CXL_STAGE',
  domainName: 'CXL_DOMAIN_NAME',
  certificateArn: 'CXL_CERTIFICATE_ARN',
  allowedOrigins: 'CXL_ALLOWED_ORIGINS',
  alarmEmail: 'CXL_ALARM_EMAIL',
  mailFrom: 'CXL_MAIL_FROM',
  authDomainPrefix: 'CXL_AUTH_DOMAIN_PREFIX',
} as const;

type Key = keyof typeof ENV_FALLBACK;

const STAGE = /^[a-z][a-z0-9-]{0,15}$/;
const ORIGIN = /^(https:\/\/[a-z0-9.-]+(:\d+)?|http:\/\/localhost(:\d+)?)$/i;
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Builds the deployment configuration from CDK context (`-c key=value` or `cdk.json`), falling back to
 * `CXL_*` environment variables; account and region come from the CLI's `CDK_DEFAULT_*`.
 */
export function readDeployConfig(
  context: (key: string) => unknown,
  env: Readonly<Record<string, string | undefined>>,
): DeployConfig {
  const text = (key: Key): string | undefined => {
    const value = context(key) ?? env[ENV_FALLBACK[key]];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
    return value.trim();
  };
  const check = (key: Key, value: string | undefined, pattern: RegExp): string | undefined => {
    if (value !== undefined && !pattern.test(value)) throw new Error(`context ${key} is invalid: ${value}`);
    return value;
  };

  const stage = check('stage', text('stage') ?? 'dev', STAGE) ?? 'dev';
  const rawOrigins: unknown = context('allowedOrigins') ?? env[ENV_FALLBACK.allowedOrigins] ?? [];
  const originList: unknown[] = Array.isArray(rawOrigins)
    ? rawOrigins
    : typeof rawOrigins === 'string'
      ? rawOrigins.split(',')
      : [rawOrigins];
  const allowedOrigins = originList
    .map((o) => {
      if (typeof o !== 'string') throw new Error('context allowedOrigins must hold strings');
      return o.trim().replace(/\/$/, '');
    })
    .filter((o) => o !== '')
    .map((o) => check('allowedOrigins', o, ORIGIN) ?? o);
  const domainName = check('domainName', text('domainName'), HOST_NAME);
  const certificateArn = check('certificateArn', text('certificateArn'), CERTIFICATE_ARN);
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('context domainName and certificateArn must be given together');
  }
  const account = env.CDK_DEFAULT_ACCOUNT;
  const region = env.CDK_DEFAULT_REGION;

  return {
    stage,
    env: account && region ? { account, region } : undefined,
    domainName,
    certificateArn,
    allowedOrigins,
    alarmEmail: check('alarmEmail', text('alarmEmail'), EMAIL),
    mailFrom: check('mailFrom', text('mailFrom'), EMAIL),
    authDomainPrefix: check('authDomainPrefix', text('authDomainPrefix'), DOMAIN_PREFIX),
    sourceRoot: REPO_ROOT,
    siteAssetsPath: path.join(REPO_ROOT, 'web', 'build'),
  };
}
