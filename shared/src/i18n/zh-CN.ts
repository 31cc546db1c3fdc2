import type { en } from './en';

/**
 * Simplified Chinese for the core messages of `en.ts` (same ids). Partial while being translated;
 * `test/unit/i18n` requires it to be complete.
 */
export const zhCN: Partial<Record<keyof typeof en, string>> = {
  'app.name': 'CX Ledger',
};
