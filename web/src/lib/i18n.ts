import { en, type MessageId, type Messages } from '@cxl/shared/i18n/en';

export type { MessageId };

/** The active catalogue and its BCP 47 locale; a later zh-CN catalogue plugs in here. */
const catalogues: Record<string, Messages> = { en };

let active: Messages = en;
let activeLocale = 'en';

/** Switches the message catalogue (falls back to English for an unknown locale). */
export function setLocale(locale: string): void {
  active = catalogues[locale] ?? en;
  activeLocale = catalogues[locale] ? locale : 'en';
}

/** The BCP 47 locale used for number and date formatting. */
export function locale(): string {
  return activeLocale;
}

/** The message `id` with its `{name}` placeholders replaced by `params`. */
export function t(id: MessageId, params: Record<string, string | number> = {}): string {
  const text = active[id];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
