import type { ApplicantMessageKind, MessageKind } from '../outbound-message.ts';

/**
 * One message in one language, in ICU MessageFormat (plural and select per the language's own
 * rules, dates and numbers formatted for its locale, in the office's time zone).
 *
 * Conventions of the body, read by message-format.ts:
 * - a blank line separates paragraphs; lines starting with `- ` are list items;
 * - a line `- {name}` repeats once per entry of the list `name` (strings, or records read
 *   through `items[name]`); `{name, plural, …}` counts that list's entries;
 * - `{name, select, none {…} other {…}}` tells a missing value (null, empty text, empty list,
 *   false) from a given one, `true {…}` a flag that is set;
 * - dates: `{at, date, medium}` (e.g. 15.04.2027), `{at, date, long}`, `{at, date, full}`, and
 *   `{at, date, appointment}` (weekday, date and time: "Donnerstag, 15. April 2027 um 10:00").
 */
export interface MessageTemplate {
  /** One line; the case reference is put in front of it in brackets. */
  readonly subject: string;
  readonly body: string;
  /** How one entry of a list of records reads, by list name, e.g. `'{filename} → {item}'`. */
  readonly items?: Readonly<Record<string, string>>;
}

/** The binding German texts: every kind of message, the caseworkers' ones too. */
export interface GermanMessages {
  readonly locale: string;
  /**
   * Under the German text when a translation follows: only the German text is binding.
   * `{language}` is the translation's language in German ("Türkisch").
   */
  readonly notice: string;
  readonly messages: Readonly<Record<MessageKind, MessageTemplate>>;
}

/**
 * A courtesy translation for applicants (Übersetzung als Service). Caseworker mail is German
 * only, so a translation has the applicant kinds; the checklist labels of every request type are
 * here, keyed by their ids in `checklists/*.json` (whose own labels are the German ones).
 */
export interface Translation {
  /** BCP 47 locale for dates, numbers and plural rules. */
  readonly locale: string;
  /** Writing direction: the translation's HTML wrapper carries it (`dir`). */
  readonly direction: 'ltr' | 'rtl';
  /** Above the translation, in its language: a courtesy translation, only German is binding. */
  readonly notice: string;
  readonly messages: Readonly<Record<ApplicantMessageKind, MessageTemplate>>;
  readonly checklist: {
    /** Request types by id (`requestType` of a checklist). */
    readonly requestTypes: Readonly<Record<string, string>>;
    /** Checklist items by id. */
    readonly items: Readonly<Record<string, string>>;
  };
}
