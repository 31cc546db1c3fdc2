import type { Locale } from '@cxl/shared/i18n/catalogue';

/** The UI locale as reactive state: every `t()` and formatter reads it, so a switch re-renders all text. */
export const localeState: { current: Locale } = $state({ current: 'en' });
