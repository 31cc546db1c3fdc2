import { createHmac, timingSafeEqual } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { config } from '../config';
import { FolderBlobStore, S3BlobStore, type BlobStore } from './blob-store';

/** Where the browser posts an upload: S3 presigned POST in AWS, a signed same-origin path locally. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

export const LOCAL_UPLOAD_PATH = '/local/blob-upload';
const EXPIRES_S = 900;

const s3 = config.UPLOAD_BUCKET ? new S3Client({ region: config.AWS_REGION }) : null;

function localSignature(key: string, expires: string, maxBytes: string): string {
  return createHmac('sha256', config.LOCAL_BLOB_SECRET ?? '')
    .update(`${key}\n${expires}\n${maxBytes}`)
    .digest('hex');
}

/** A presigned POST for exactly `key`, capped at `maxBytes` by the policy, valid for 15 minutes. */
export async function presignUpload(
  key: string,
  maxBytes: number,
  contentType: string,
): Promise<PresignedPost> {
  if (s3 && config.UPLOAD_BUCKET) {
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: config.UPLOAD_BUCKET,
      Key: key,
      Conditions: [['content-length-range', 1, maxBytes]],
      Fields: { 'Content-Type': contentType || 'application/octet-stream' },
      Expires: EXPIRES_S,
    });
    return { url, fields };
  }
  if (!config.LOCAL_BLOB_SECRET)
    throw new Error('no upload store configured (UPLOAD_BUCKET or LOCAL_BLOB_SECRET)');
  const expires = String(Math.floor(Date.now() / 1000) + EXPIRES_S);
  const max = String(maxBytes);
  return {
    url: LOCAL_UPLOAD_PATH,
    fields: { key, expires, maxBytes: max, signature: localSignature(key, expires, max) },
  };
}

/** Local host: checks a posted policy; returns the reason it is refused, or null. */
export function verifyLocalPolicy(
  fields: Record<string, string | undefined>,
  nowS = Date.now() / 1000,
): string | null {
  const { key, expires, maxBytes, signature } = fields;
  if (!key || !expires || !maxBytes || !signature) return 'the upload form is missing policy fields';
  const want = Buffer.from(localSignature(key, expires, maxBytes));
  const got = Buffer.from(signature);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return 'the upload policy signature is invalid';
  if (Number(expires) < nowS) return 'the upload link has expired; start the upload again';
  return null;
}

/** The blob store the upload processor reads from. */
export function uploadsBlobStore(): BlobStore {
  if (s3 && config.UPLOAD_BUCKET) return new S3BlobStore(s3, config.UPLOAD_BUCKET);
  if (!config.LOCAL_BLOB_DIR) throw new Error('no upload store configured (UPLOAD_BUCKET or LOCAL_BLOB_DIR)');
  return new FolderBlobStore(config.LOCAL_BLOB_DIR);
}

/** `uploads/<kind>/<uploadId>/<fileName>` */
export function uploadKey(kind: string, uploadId: string, fileName: string): string {
  return `uploads/${kind}/${uploadId}/${fileName}`;
}
export function parseUploadKey(key: string): { kind: string; uploadId: string; fileName: string } | null {
  const m = /^uploads\/([a-z-]+)\/([0-9a-f-]{36})\/(.+)$/.exec(key);
  return m ? { kind: m[1] ?? '', uploadId: m[2] ?? '', fileName: m[3] ?? '' } : null;
}
