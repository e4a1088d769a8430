import blueCard from './checklists/eu-blue-card.v1.json' with { type: 'json' };
import familyReunification from './checklists/family-reunification.v1.json' with { type: 'json' };
import firstResidencePermit from './checklists/first-residence-permit.v1.json' with { type: 'json' };
import extension from './checklists/residence-permit-extension.v1.json' with { type: 'json' };
import settlement from './checklists/settlement-permit.v1.json' with { type: 'json' };

/**
 * Checklists (Checklisten): the documents and proofs (Unterlagen und Nachweise) each kind of
 * request needs. They live in versioned data files beside this module (`checklists/*.vN.json`),
 * edited by the office, not in code; a case keeps the version it was opened with.
 */
export interface LocalisedText {
  readonly de: string;
  readonly en: string;
}

export interface ChecklistItemDefinition {
  readonly id: string;
  readonly label: LocalisedText;
  readonly required: boolean;
  /** Words (German, English, Turkish, …) that name this document in file names, subjects and bodies. */
  readonly keywords: readonly string[];
}

export interface ChecklistDefinition {
  readonly requestType: string;
  readonly version: number;
  readonly label: LocalisedText;
  readonly items: readonly ChecklistItemDefinition[];
}

const definitions: readonly ChecklistDefinition[] = [
  extension,
  firstResidencePermit,
  settlement,
  blueCard,
  familyReunification,
];

/** The request types a case can be opened for. */
export const REQUEST_TYPES: readonly string[] = definitions.map((d) => d.requestType);

export const DEFAULT_REQUEST_TYPE = 'residence-permit-extension';

/** The newest checklist for a request type, or undefined for an unknown type. */
export function checklistFor(requestType: string): ChecklistDefinition | undefined {
  return definitions.filter((d) => d.requestType === requestType).sort((a, b) => b.version - a.version)[0];
}
