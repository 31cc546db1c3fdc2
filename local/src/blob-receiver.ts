import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import busboy from 'busboy';

type ObjectCreated = (key: string, size: number) => void;

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * The local stand-in for S3's presigned POST: a multipart form whose fields carry the signed policy
 * (key, expiry, size cap) and whose last part is the file. The file is streamed to the blob folder
 * under exactly the signed key, never over the cap; then the object-created event fires.
 */
export function createBlobReceiver(opts: {
  root: string;
  verify: (fields: Record<string, string>) => string | null;
  onObjectCreated: ObjectCreated;
}) {
  const root = resolve(opts.root);
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    new Promise((done) => {
      const fields: Record<string, string> = {};
      let handled = false;
      let sawFile = false;
      const finish = (f: () => void) => {
        if (handled) return;
        handled = true;
        f();
        done();
      };
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, limits: { fields: 20, fieldSize: 4096, files: 1 } });
      } catch {
        finish(() =>
          fail(
            res,
            400,
            'bad_request',
            'Post the file as multipart/form-data with the fields you were given.',
          ),
        );
        return;
      }
      bb.on('field', (name, value) => {
        fields[name] = value;
      });
      bb.on('file', (name, file) => {
        if (name !== 'file') {
          file.resume();
          return;
        }
        sawFile = true;
        const refused = opts.verify(fields);
        if (refused) {
          file.resume();
          finish(() => fail(res, 403, 'forbidden', refused));
          return;
        }
        const key = fields.key ?? '';
        const max = Number(fields.maxBytes);
        const path = resolve(root, key);
        if (!path.startsWith(root + sep)) {
          file.resume();
          finish(() => fail(res, 400, 'bad_request', 'Invalid object key.'));
          return;
        }
        let size = 0;
        const cap = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            size += chunk.length;
            if (size > max) cb(new Error('too large'));
            else cb(null, chunk);
          },
        });
        void mkdir(dirname(path), { recursive: true })
          .then(() => pipeline(file, cap, createWriteStream(path)))
          .then(
            () =>
              finish(() => {
                if (size === 0) {
                  fail(res, 400, 'bad_request', 'The file is empty.');
                  return;
                }
                res.writeHead(204);
                res.end();
                opts.onObjectCreated(key, size);
              }),
            async () => {
              file.resume();
              await rm(path, { force: true });
              finish(() =>
                size > max
                  ? fail(
                      res,
                      413,
                      'payload_too_large',
                      `The file is larger than the ${max} bytes announced; start the upload again.`,
                    )
                  : fail(res, 400, 'bad_request', 'The upload was interrupted; try again.'),
              );
            },
          );
      });
      bb.on('error', () =>
        finish(() => fail(res, 400, 'bad_request', 'The multipart form could not be read.')),
      );
      bb.on('close', () => {
        if (!sawFile) finish(() => fail(res, 400, 'bad_request', 'The form has no part named "file".'));
      });
      req.pipe(bb);
    });
}
