import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import type { Translation } from './message-types.ts';
import { ru } from './ru.ts';
import { tr } from './tr.ts';
import { uk } from './uk.ts';

/**
 * The languages of the applicants' emails: German (binding) and the courtesy translations. This
 * is the one place a language is registered: adding one is its file beside this one and one
 * entry here; the CLI, the API, the CSV import and the case's type all take their list from it.
 */
const TRANSLATIONS = { en, tr, uk, ar, ru } as const satisfies Readonly<Record<string, Translation>>;

export type TranslationLanguage = keyof typeof TRANSLATIONS;
/** A case's language (ISO 639-1): German, or a language with a courtesy translation. */
export type CaseLanguage = 'de' | TranslationLanguage;

export const GERMAN = de;

/** Every case language, German first. */
export const CASE_LANGUAGES: readonly [CaseLanguage, ...CaseLanguage[]] = [
  'de',
  ...(Object.keys(TRANSLATIONS) as TranslationLanguage[]),
];

export function isCaseLanguage(value: string): value is CaseLanguage {
  return (CASE_LANGUAGES as readonly string[]).includes(value);
}

/** The courtesy translation of a language (none for German). */
export function translationOf(language: CaseLanguage): Translation | null {
  return language === 'de' ? null : TRANSLATIONS[language];
}

/** The locale dates, numbers and plurals of a language are formatted in. */
export function localeOf(language: CaseLanguage): string {
  return translationOf(language)?.locale ?? de.locale;
}
