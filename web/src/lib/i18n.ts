import {
  enMessages,
  isLocale,
  translate,
  type Locale,
  type MessageId,
  type Messages,
} from '@cxl/shared/i18n/catalogue';

export type { Locale, MessageId, Messages };
export { enMessages };

let activeLocale: Locale = 'en';

/** Switches the message catalogue (falls back to English for an unknown locale). */
export function setLocale(locale: string): void {
  activeLocale = isLocale(locale) ? locale : 'en';
}

/** The BCP 47 locale used for number and date formatting. */
export function locale(): Locale {
  return activeLocale;
}

/** The message `id` with its `{name}` placeholders replaced by `params`. */
export function t(id: MessageId, params: Record<string, string | number> = {}): string {
  return translate(activeLocale, id, params);
}
