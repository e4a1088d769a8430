import blueCard from './checklists/eu-blue-card.v1.json' with { type: 'json' };
import familyReunification from './checklists/family-reunification.v1.json' with { type: 'json' };
import firstResidencePermit from './checklists/first-residence-permit.v1.json' with { type: 'json' };
import extension from './checklists/residence-permit-extension.v1.json' with { type: 'json' };
import settlement from './checklists/settlement-permit.v1.json' with { type: 'json' };
import { CASE_LANGUAGES, translationOf, type CaseLanguage } from './templates/languages.ts';
import type { Translation } from './templates/message-types.ts';

/**
 * Checklists (Checklisten): the documents and proofs (Unterlagen und Nachweise) each kind of
 * request needs. They live in versioned data files beside this module (`checklists/*.vN.json`),
 * edited by the office, not in code; a case keeps the version it was opened with. Their labels
 * are the German (binding) ones; the translations live with each language's messages
 * (`templates/*.ts`, keyed by request type and item id) and are joined in here.
 */
export type LocalisedText = Readonly<Record<CaseLanguage, string>>;

export interface ChecklistItemDefinition {
  readonly id: string;
  readonly label: LocalisedText;
  readonly required: boolean;
  /** Words (German, English, Turkish, …) that name this document in file names, subjects and bodies. */
  readonly keywords: readonly string[];
  /** How the document is recognised by what it says (see content-recognition.ts); absent: by name only. */
  readonly recognition?: RecognitionRules;
  /** How much of it the item needs; absent: one document. */
  readonly quantity?: ItemQuantity;
}

/**
 * What a document of an item says, for recognising it by its content. Phrases are compared
 * without case, umlauts or Turkish letters; a one-word phrase of five letters or more also
 * matches as the start of a longer word ("Gehaltsabrechnungen"). An office tunes these in the
 * checklist files, no code involved.
 */
export interface RecognitionRules {
  /** What the document calls itself ("Mietvertrag", "Verdienstabrechnung"): strong evidence. */
  readonly titles: readonly string[];
  /** Words such a document uses ("Kaltmiete", "Steuerklasse"): each one a little evidence. */
  readonly terms: readonly string[];
  /** Regular expressions (on the folded, lowercase text) that count like terms. */
  readonly patterns?: readonly string[];
  /** Document codes of a machine-readable zone that make a document this item ("P", "AR"). */
  readonly mrz?: readonly string[];
}

/**
 * `distinctMonths`: documents of that many different months (payslips of the last three months);
 * `allPages`: every page, read from page counts ("Seite 1 von 3").
 */
export interface ItemQuantity {
  readonly distinctMonths?: number;
  readonly allPages?: boolean;
}

export interface ChecklistDefinition {
  readonly requestType: string;
  readonly version: number;
  readonly label: LocalisedText;
  readonly items: readonly ChecklistItemDefinition[];
}

interface ChecklistFile {
  readonly requestType: string;
  readonly version: number;
  readonly label: { readonly de: string };
  readonly items: readonly (Omit<ChecklistItemDefinition, 'label'> & {
    readonly label: { readonly de: string };
  })[];
}

/**
 * A label in every language. A translation that lacks one (a checklist item added without its
 * translations: a unit test fails on that) shows the German label rather than none.
 */
function localised(german: string, translated: (t: Translation) => string | undefined): LocalisedText {
  return Object.fromEntries(
    CASE_LANGUAGES.map((language) => {
      const translation = translationOf(language);
      return [language, (translation && translated(translation)) ?? german];
    }),
  ) as LocalisedText;
}

function withTranslations(file: ChecklistFile): ChecklistDefinition {
  return {
    ...file,
    label: localised(file.label.de, (t) => t.checklist.requestTypes[file.requestType]),
    items: file.items.map((item) => ({
      ...item,
      label: localised(item.label.de, (t) => t.checklist.items[item.id]),
    })),
  };
}

const definitions: readonly ChecklistDefinition[] = [
  extension,
  firstResidencePermit,
  settlement,
  blueCard,
  familyReunification,
].map(withTranslations);

/** Every checklist in every version (for the test that each label has its translations). */
export const CHECKLISTS: readonly ChecklistDefinition[] = definitions;

/** The request types a case can be opened for. */
export const REQUEST_TYPES: readonly string[] = definitions.map((d) => d.requestType);

export const DEFAULT_REQUEST_TYPE = 'residence-permit-extension';

/** The newest checklist for a request type, or undefined for an unknown type. */
export function checklistFor(requestType: string): ChecklistDefinition | undefined {
  return definitions.filter((d) => d.requestType === requestType).sort((a, b) => b.version - a.version)[0];
}
