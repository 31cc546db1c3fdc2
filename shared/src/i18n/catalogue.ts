/**
 * The message catalogues of every locale, merged from the core file (`en.ts` / `zh-CN.ts`) and the
 * per-area files under `areas/` (one per dashboard view, the reports, …). Each area file exports
 * `en` (its English messages) and `zhCN` (the same keys in Simplified Chinese). A test checks every
 * English id has a Chinese text; at run time a missing one falls back to English.
 *
 * To add an area: create `areas/<name>.ts` and add it to AREAS below.
 */
import { en as core } from './en';
import { zhCN as coreZh } from './zh-CN';
import * as trust from './areas/trust';
import * as reports from './areas/reports';
import * as views from './areas/views';
import * as initiatives from './areas/initiatives';
import * as touchpoints from './areas/touchpoints';
import * as assumptions from './areas/assumptions';
import * as whatif from './areas/whatif';
import * as benchmarks from './areas/benchmarks';
import * as ui from './areas/ui';
import * as exec from './areas/exec';
import * as glossary from './areas/glossary';

/** Area catalogues; each one's keys are prefixed with its own area name. */
const AREAS = [
  trust,
  views,
  initiatives,
  touchpoints,
  assumptions,
  whatif,
  benchmarks,
  reports,
  ui,
  exec,
  glossary,
] as const satisfies readonly {
  en: Record<string, string>;
  zhCN: Record<string, string>;
}[];

type Area = (typeof AREAS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type AreaMessages = UnionToIntersection<Area['en']>;

/** Every English message, keyed by id. */
export const enMessages = Object.assign({}, core, ...AREAS.map((a) => a.en)) as typeof core & AreaMessages;

/** Message ids across all areas. */
export type MessageId = keyof typeof enMessages;

/** A complete catalogue. */
export type Messages = Record<MessageId, string>;

/** Simplified Chinese messages (possibly incomplete while an area is being translated). */
export const zhCNMessages = Object.assign({}, coreZh, ...AREAS.map((a) => a.zhCN)) as Partial<Messages>;

/** The locales the product speaks. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const catalogues: Record<Locale, Partial<Messages>> = { en: enMessages, 'zh-CN': zhCNMessages };

/** The text of `id` in `locale` (English when missing) with `{name}` placeholders filled. */
export function translate(
  locale: Locale,
  id: MessageId,
  params: Record<string, string | number> = {},
): string {
  const text = catalogues[locale][id] ?? enMessages[id];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
