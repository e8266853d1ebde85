/**
 * The widget's language. Elements read strings from plain objects (`msg.key`, `msg.fn(n)`: core.ts,
 * ui.ts, errors.ts); those objects are bound here and refilled in place when the locale changes, so no
 * element needs to know about locales. English is built in; every other language is its own chunk,
 * loaded on demand (LOADERS), so a page pays for one language only.
 *
 * One page shows one language: the tables are shared by every `<staff-chat>` on it, and the last
 * `lang` set wins.
 */
import { atom } from 'nanostores';
import type { Messages } from './table.js';

type Table = Record<string, unknown>;

/**
 * The locale the strings and dates are in now: a BCP 47 tag such as `de`, `de-CH` or `en-GB` (its
 * language picks the table, the whole tag drives `Intl`). Changes only once the table has arrived,
 * so an element re-rendering on a change always finds the new strings.
 */
export const $locale = atom<string>('en');

/** Bumped whenever strings change without the locale changing (`strings`, `registerLocale`): atoms do not notify for an equal value. */
export const $stringsVersion = atom(0);

/** The translations shipped with the widget, each a chunk of its own. */
const LOADERS: Record<string, () => Promise<{ default: Messages }>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  it: () => import('./locales/it.js'),
  pl: () => import('./locales/pl.js'),
  pt: () => import('./locales/pt.js'),
  tr: () => import('./locales/tr.js'),
};

/** The languages the widget ships, English first. */
export const SHIPPED_LANGUAGES: readonly string[] = ['en', ...Object.keys(LOADERS)];

/** Languages written right to left (the primary subtag). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Tables a portal registered with `registerLocale`, by language; they win over the shipped ones. */
const registered = new Map<string, Partial<Messages>>();
/** The element-wide overrides (`<staff-chat>.strings`), merged over whatever language is shown. */
let overrides: Partial<Messages> = {};
/** The current language's table (empty for English). */
let translated: Partial<Messages> = {};
/** Every bound string object, with its English original. */
const bound: { target: Table; english: Table }[] = [];
/** The tag asked for most recently, so a slow chunk for an earlier request does not win. */
let requested = 'en';

/** Makes `table` follow the locale: filled now, and refilled in place on every change. Returns `table`. */
export function bindMessages<T extends object>(table: T): T {
  const entry = { target: table as Table, english: { ...(table as Table) } };
  bound.push(entry);
  fill(entry);
  return table;
}

function fill({ target, english }: { target: Table; english: Table }): void {
  const layers = [translated as Table, overrides as Table];
  for (const [key, value] of Object.entries(english)) {
    // Nested groups (msg.connection) merge key by key, so a partial override keeps the rest.
    if (value && typeof value === 'object') {
      target[key] = Object.assign({}, value, ...layers.map((layer) => layer[key]));
    } else {
      target[key] = layers.reduce((current, layer) => layer[key] ?? current, value);
    }
  }
}

function refill(): void {
  for (const entry of bound) fill(entry);
}

/** `de-CH` → `de-CH`, `DE_ch` → `de-CH`; anything `Intl` rejects → undefined. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** The primary language subtag: `pt-BR` → `pt`. */
export function languageOf(tag: string): string {
  return (tag.split('-')[0] ?? '').toLowerCase();
}

/** `rtl` for Arabic, Hebrew, Persian and the other right-to-left scripts' languages, else `ltr`. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(languageOf(tag)) ? 'rtl' : 'ltr';
}

/**
 * Shows the widget in `tag`'s language (falling back to English for a language it has no table for)
 * and formats dates with `Intl` in `tag`. Resolves once the strings are in place and `$locale` is set.
 */
export async function setLocale(tag: string): Promise<void> {
  const locale = canonical(tag) ?? 'en';
  requested = locale;
  const language = languageOf(locale);
  let table: Partial<Messages> = {};
  const loader = LOADERS[language];
  if (loader) {
    try {
      table = (await loader()).default;
    } catch (error) {
      console.error(`[staff-chat] could not load the ${language} strings`, error);
    }
  }
  if (requested !== locale) return;
  translated = { ...table, ...registered.get(language) };
  refill();
  $locale.set(locale);
}

/**
 * Adds a language, or replaces strings of a shipped one, for every `<staff-chat>` on the page. A
 * partial table is fine: what it lacks comes from the shipped table, or English. Call it before
 * setting `lang`, or set `lang` again after.
 *
 * @example
 * registerLocale('nl', { appName: 'Personeelschat', send: 'Versturen', members: (n) => `${n} leden` });
 */
export function registerLocale(language: string, table: Partial<Messages>): void {
  const key = languageOf(canonical(language) ?? language);
  registered.set(key, { ...registered.get(key), ...table });
  if (languageOf($locale.get()) === key) {
    translated = { ...translated, ...table };
    refill();
    $stringsVersion.set($stringsVersion.get() + 1);
  }
}

/** Strings merged over every language (the `strings` property of `<staff-chat>`). */
export function setStringOverrides(table: Partial<Messages> | undefined): void {
  overrides = { ...table };
  refill();
  $stringsVersion.set($stringsVersion.get() + 1);
}
