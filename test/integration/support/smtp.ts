import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
  raw: Buffer;
}

/** A real SMTP server on a free loopback port that parses every message it accepts. */
export async function startSmtp(): Promise<{
  url: string;
  messages: Received[];
  waitFor: (n: number, timeoutMs?: number) => Promise<Received[]>;
  close: () => Promise<void>;
}> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 30 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw, { keepCidLinks: true })
          .then((mail) => {
            messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, raw });
            callback();
          })
          .catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(n, timeoutMs = 60_000) {
      const t0 = Date.now();
      while (messages.length < n) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`only ${messages.length} of ${n} messages arrived`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return messages;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
