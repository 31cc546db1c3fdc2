import {
  enMessages,
  isLocale,
  LOCALES,
  translate,
  type Locale,
  type MessageId,
  type Messages,
} from '@cxl/shared/i18n/catalogue';
import { localeState } from './locale-state.svelte.ts';

export type { Locale, MessageId, Messages };
export { enMessages, LOCALES };

/** Whether `value` is a supported locale id. */
export const isLocaleId = isLocale;

/** Each locale's own name, shown in the language switcher whatever the current language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

const LAST_KEY = 'cxl.locale';
const userKey = (email: string) => `cxl.locale:${email.toLowerCase()}`;

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window[kind];
  } catch {
    return undefined; // storage disabled by the browser
  }
}

function apply(locale: Locale): void {
  localeState.current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Switches the message catalogue (falls back to English for an unknown locale). */
export function setLocale(locale: string): void {
  apply(isLocale(locale) ? locale : 'en');
}

/** Sets and remembers the language of `email` (per user, in this browser). */
export function chooseLocale(locale: Locale, email: string | null): void {
  apply(locale);
  const ls = storage('localStorage');
  ls?.setItem(LAST_KEY, locale);
  if (email) ls?.setItem(userKey(email), locale);
}

/** The language `email` chose earlier in this browser, applied when they sign in. */
export function applyUserLocale(email: string): void {
  const saved = storage('localStorage')?.getItem(userKey(email));
  if (isLocale(saved)) apply(saved);
}

/**
 * The language at start-up, before anything renders: the signed-in user's choice, else the last
 * choice in this browser, else the browser's language (Chinese → 简体中文), else English.
 */
function initialLocale(): Locale {
  try {
    const raw = storage('sessionStorage')?.getItem('cxl.session');
    const email = raw ? (JSON.parse(raw) as { user?: { email?: string } }).user?.email : undefined;
    const ls = storage('localStorage');
    const saved = (email ? ls?.getItem(userKey(email)) : null) ?? ls?.getItem(LAST_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // a corrupt stored session: fall through to the browser language
  }
  if (typeof navigator !== 'undefined' && /^zh\b/i.test(navigator.language)) return 'zh-CN';
  return 'en';
}

apply(initialLocale());

/** The BCP 47 locale used for number and date formatting (reactive). */
export function locale(): Locale {
  return localeState.current;
}

/** The message `id` with its `{name}` placeholders replaced by `params` (reactive to the locale). */
export function t(id: MessageId, params: Record<string, string | number> = {}): string {
  return translate(localeState.current, id, params);
}
