import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { config } from '../config';

/** One email to one recipient. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string; cid?: string }[];
  headers: Record<string, string>;
  /** Deterministic per (run, recipient): a retried send carries the same Message-ID. */
  messageId: string;
}

/** Where mail leaves: SES v2 (AWS), SMTP (SMTP_URL), or `.eml` files in a local outbox. */
export interface MailPort {
  readonly kind: 'ses' | 'smtp' | 'outbox';
  send(m: MailMessage): Promise<{ messageId: string }>;
}

/** A send failure that retrying cannot fix (address rejected, message refused). */
export class PermanentMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

function composerOptions(m: MailMessage) {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
    messageId: m.messageId,
    headers: m.headers,
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' as const } : {}),
    })),
  };
}

/** The MIME message (multipart/related with inline images, alternative text, attachments). */
export function composeMime(m: MailMessage): Promise<Buffer> {
  return new MailComposer(composerOptions(m)).compile().build();
}

class SesMail implements MailPort {
  readonly kind = 'ses' as const;
  private readonly client = new SESv2Client({ region: config.AWS_REGION });
  async send(m: MailMessage): Promise<{ messageId: string }> {
    const raw = await composeMime(m);
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          Content: { Raw: { Data: raw } },
          ...(config.SES_CONFIGURATION_SET ? { ConfigurationSetName: config.SES_CONFIGURATION_SET } : {}),
        }),
      );
      return { messageId: out.MessageId ?? m.messageId };
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (['MessageRejected', 'MailFromDomainNotVerifiedException', 'BadRequestException'].includes(name))
        throw new PermanentMailError(`SES refused the message: ${(e as Error).message}`);
      throw e;
    }
  }
}

class SmtpMail implements MailPort {
  readonly kind = 'smtp' as const;
  private readonly transport;
  constructor(url: string) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(m: MailMessage): Promise<{ messageId: string }> {
    try {
      const info = await this.transport.sendMail(composerOptions(m));
      return { messageId: info.messageId };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600)
        throw new PermanentMailError(
          `the mail server refused the message (${code}): ${(e as Error).message}`,
        );
      throw e;
    }
  }
}

/** Local default: each message as an `.eml` file (named by its idempotency key, so a retry overwrites). */
export class OutboxMail implements MailPort {
  readonly kind = 'outbox' as const;
  constructor(readonly dir: string) {}
  async send(m: MailMessage): Promise<{ messageId: string }> {
    await mkdir(this.dir, { recursive: true });
    const raw = await composeMime(m);
    const key = m.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
    await writeFile(join(this.dir, `${key}.eml`), raw);
    return { messageId: m.messageId };
  }
}

let override: MailPort | null = null;
let cached: MailPort | null = null;

/** Tests and the local host may install another port (e.g. a fault-injecting wrapper). */
export function setMailPort(p: MailPort | null): void {
  override = p;
}

/** The outbox folder, when mail goes to files. */
export function outboxDir(): string | null {
  if (config.SES_FROM || config.SMTP_URL) return null;
  return config.REPORT_OUTBOX_DIR ?? join(config.LOCAL_BLOB_DIR ?? '.data', '..', 'outbox');
}

/** SES when SES_FROM is set (AWS), SMTP when SMTP_URL is set, else the local outbox. */
export function mailPort(): MailPort {
  if (override) return override;
  if (!cached) {
    if (config.SES_FROM) cached = new SesMail();
    else if (config.SMTP_URL) cached = new SmtpMail(config.SMTP_URL);
    else cached = new OutboxMail(outboxDir() ?? '.data/outbox');
  }
  return cached;
}

/** An SMTP port for `url` (smtp://host:port); tests wrap it to inject faults. */
export function smtpMail(url: string): MailPort {
  return new SmtpMail(url);
}

/** The sender address of report emails. */
export function mailFrom(): string {
  return config.SES_FROM ?? config.MAIL_FROM;
}
