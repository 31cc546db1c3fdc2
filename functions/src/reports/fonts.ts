import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CJK-capable font every chart and PDF uses (Noto Sans Hans covers Latin and 简体中文). */
export const FONT_FILE = 'NotoSansHans-Regular.otf';
export const FONT_BOLD_FILE = 'NotoSansHans-Bold.otf';
export const FONT_FAMILY = 'Noto Sans SC';

function candidates(file: string): string[] {
  const out: string[] = [];
  const here = (() => {
    try {
      return dirname(fileURLToPath(import.meta.url));
    } catch {
      return process.cwd();
    }
  })();
  try {
    // The package's main entry is dist/index.cjs; the fonts sit in ../fonts beside it.
    const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    out.push(join(dirname(main), '..', 'fonts', file));
  } catch {
    // not resolvable (bundled without node_modules): fall through to the folder walk
  }
  // Bundled Lambda: the package is copied to node_modules/ beside the bundle, or the font next to it.
  for (let dir = here, i = 0; i < 8; i++, dir = dirname(dir)) {
    out.push(join(dir, 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', file));
    out.push(join(dir, 'fonts', file));
  }
  out.push(resolve(process.cwd(), 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', file));
  return out;
}

const cache = new Map<string, string>();

/** Absolute path of a font file of `@embedpdf/fonts-sc`, found whether run from source or bundled. */
export function fontPath(file: string = FONT_FILE): string {
  const hit = cache.get(file);
  if (hit) return hit;
  const found = candidates(file).find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `font ${file} of @embedpdf/fonts-sc not found; ship the package beside the bundle (node_modules/@embedpdf/fonts-sc)`,
    );
  cache.set(file, found);
  return found;
}
