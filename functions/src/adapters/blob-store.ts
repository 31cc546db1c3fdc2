import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Where upload files live: S3 in AWS, a folder locally. */
export interface BlobStore {
  put(key: string, body: Uint8Array): Promise<void>;
  open(key: string): Promise<Readable>;
}

/** A folder-backed store; keys may not escape the folder. */
export class FolderBlobStore implements BlobStore {
  constructor(private readonly root: string) {}
  private path(key: string): string {
    const p = resolve(this.root, key);
    if (!p.startsWith(resolve(this.root) + sep)) throw new Error(`blob key escapes the store: ${key}`);
    return p;
  }
  async put(key: string, body: Uint8Array): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, body);
  }
  open(key: string): Promise<Readable> {
    return Promise.resolve(createReadStream(this.path(key)));
  }
  /** Absolute path of a key (local host only). */
  pathOf(key: string): string {
    return join(this.path(key));
  }
}

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}
  async put(key: string, body: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body }));
  }
  async open(key: string): Promise<Readable> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return res.Body as Readable;
  }
}
