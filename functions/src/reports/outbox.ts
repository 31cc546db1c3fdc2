import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

/** The local outbox (`.eml` files written by OutboxMail), read for the Reports page. Local host only. */

export interface OutboxEntry {
  file: string;
  to: string[];
  subject: string;
  date: string;
  size: number;
  attachments: { filename: string; contentType: string; size: number }[];
}

/** The outbox's messages, newest first (parsed headers only). */
export async function listOutbox(dir: string, limit = 100): Promise<OutboxEntry[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  const withTimes = await Promise.all(files.map(async (f) => ({ f, s: await stat(join(dir, f)) })));
  withTimes.sort((a, b) => b.s.mtimeMs - a.s.mtimeMs);
  const out: OutboxEntry[] = [];
  for (const { f, s } of withTimes.slice(0, limit)) {
    const parsed = await simpleParser(await readFile(join(dir, f)));
    const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
    out.push({
      file: f,
      to: to.flatMap((a) => a.value.map((v) => v.address ?? '')),
      subject: parsed.subject ?? '',
      date: (parsed.date ?? s.mtime).toISOString(),
      size: s.size,
      attachments: parsed.attachments
        .filter((a) => a.contentDisposition !== 'inline')
        .map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size })),
    });
  }
  return out;
}

/** One outbox message as browser-viewable HTML (inline images as data URIs). */
export async function readOutboxHtml(dir: string, file: string): Promise<string | null> {
  if (!/^[A-Za-z0-9._-]+\.eml$/.test(file)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, file));
  } catch {
    return null;
  }
  const parsed = await simpleParser(raw);
  let html = typeof parsed.html === 'string' ? parsed.html : `<pre>${parsed.text ?? ''}</pre>`;
  for (const a of parsed.attachments) {
    if (!a.cid) continue;
    html = html.split(`cid:${a.cid}`).join(`data:${a.contentType};base64,${a.content.toString('base64')}`);
  }
  return html;
}
