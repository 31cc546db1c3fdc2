import { open } from 'node:fs/promises';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { FileError, messageOf } from './issues';

export interface ZipLimits {
  /** Most files an archive may hold (an Excel workbook has a few dozen). */
  maxEntries: number;
  /** Most bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Highest inflated/compressed ratio of an entry larger than {@link ZipLimits.ratioFloorBytes}. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

const NESTED_ARCHIVE = /\.(zip|xlsx|xlsm|xlsb|xls|docx|docm|pptx|jar|7z|rar|gz|tgz|bz2|xz|zst|cab)$/i;
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
/** Possible lengths of a data descriptor after an entry's data (with/without signature, zip64). */
const DESCRIPTOR_LENGTHS = [0, 12, 16, 20, 24];

const resave = 'open it in Excel and save it again as .xlsx (or export CSV UTF-8), then upload it again';

function refuse(reason: string): FileError {
  return new FileError(`the workbook was refused before reading: ${reason}; ${resave}`);
}

/**
 * Inspects an XLSX file as the zip it is, before any XML is parsed, and throws a {@link FileError} with a
 * clear reason for anything that could exhaust memory, disk or time:
 *
 * 1. the central directory: entry count, declared total size, compression ratio per large entry,
 *    encrypted entries, unsupported compression, nested archives by name;
 * 2. the layout: entries must tile the file from offset 0 up to the central directory with no overlap
 *    (overlapping entries are the "better zip bomb") and no hidden data between them, so the streaming
 *    reader, which walks local headers, sees exactly the entries checked here;
 * 3. the actual content: every entry is inflated once, counting bytes (yauzl stops an entry that inflates
 *    beyond its declared size), so a lying size is caught; an entry that is itself a zip is refused.
 */
export async function inspectZip(
  path: string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<{ entries: number; uncompressedBytes: number }> {
  let zip: ZipFile;
  try {
    zip = await openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (e) {
    throw new FileError(`the file is not a readable XLSX workbook (${messageOf(e)}); ${resave}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw refuse(`it holds ${zip.entryCount} files, more than the ${limits.maxEntries} allowed`);
    const entries: Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) throw refuse('it is password-protected (remove the password first)');
      if (NESTED_ARCHIVE.test(entry.fileName))
        throw refuse(`it contains another archive (${entry.fileName})`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw refuse(`${entry.fileName} uses an unsupported compression method`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes)
        throw refuse(`it would expand to more than ${limits.maxTotalBytes / 1024 / 1024} MB`);
      if (
        entry.uncompressedSize > limits.ratioFloorBytes &&
        entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
      ) {
        throw refuse(
          `${entry.fileName} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (more than ${limits.maxRatio}×), the mark of a zip bomb`,
        );
      }
      entries.push(entry);
    }
    if (entries.length === 0) throw refuse('the archive is empty');
    await checkLayout(path, zip, entries);
    let inflated = 0;
    for (const entry of entries) {
      const stream = await zip.openReadStreamPromise(entry);
      let head = Buffer.alloc(0);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (head.length < 4) {
          head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
          if (head.length === 4 && head.equals(LOCAL_HEADER))
            throw refuse(`it contains another archive (${entry.fileName})`);
        }
        inflated += chunk.length;
        if (inflated > limits.maxTotalBytes)
          throw refuse(`it expands to more than ${limits.maxTotalBytes / 1024 / 1024} MB`);
      }
    }
    return { entries: entries.length, uncompressedBytes: inflated };
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`the workbook's zip structure is damaged (${messageOf(e)}); ${resave}`);
  } finally {
    zip.close();
  }
}

async function checkLayout(path: string, zip: ZipFile, entries: readonly Entry[]): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  if (sorted[0]?.relativeOffsetOfLocalHeader !== 0) throw refuse('it has data before its first entry');
  const fh = await open(path, 'r');
  try {
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i];
      if (!e) continue;
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
      const end = fileDataStart + e.compressedSize;
      const gaps = e.generalPurposeBitFlag & 0x8 ? DESCRIPTOR_LENGTHS : [0];
      const next = sorted[i + 1];
      if (next) {
        if (!gaps.some((g) => end + g === next.relativeOffsetOfLocalHeader))
          throw refuse('its entries overlap or hide data between them');
        continue;
      }
      let found = false;
      for (const g of gaps) {
        const sig = Buffer.alloc(4);
        const { bytesRead } = await fh.read(sig, 0, 4, end + g);
        if (bytesRead === 4 && sig.equals(CENTRAL_HEADER)) found = true;
      }
      if (!found) throw refuse('it hides data after its last entry');
    }
  } finally {
    await fh.close();
  }
}
