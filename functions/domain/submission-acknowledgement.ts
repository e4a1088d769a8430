import { missingItems, type CaseDocument, type CaseFile, type CaseLanguage } from './case-file.ts';
import { displayLine } from './display-text.ts';
import type { HoldReason } from './parsed-email.ts';
import type { MessageKind } from './outbound-message.ts';
import type { TemplateView } from './message-rendering.ts';

/**
 * Why a file could not be accepted, as an applicant reads it: a plain sentence that says what to
 * do, never a code (`type-mismatch`). Every reason a file can be held for has one in every
 * language (the compiler checks both).
 */
export const APPLICANT_HOLD_REASONS: Readonly<Record<HoldReason, Readonly<Record<CaseLanguage, string>>>> = {
  empty: {
    de: 'Die Datei ist leer. Bitte senden Sie sie erneut.',
    en: 'The file is empty. Please send it again.',
  },
  'too-large': {
    de: 'Die Datei ist zu groß. Bitte senden Sie eine kleinere Fassung (zum Beispiel als PDF).',
    en: 'The file is too large. Please send a smaller version (for example as a PDF).',
  },
  'type-not-allowed': {
    de: 'Diese Dateiart können wir nicht annehmen. Bitte senden Sie PDF-Dateien oder Fotos (JPG, PNG).',
    en: 'We cannot accept this type of file. Please send PDF files or photos (JPG, PNG).',
  },
  'type-mismatch': {
    de: 'Der Inhalt der Datei passt nicht zu ihrem Namen. Bitte speichern Sie das Dokument als PDF oder Foto und senden Sie es erneut.',
    en: 'The content of the file does not match its name. Please save the document as a PDF or photo and send it again.',
  },
  executable: {
    de: 'Die Datei ist ein Programm, kein Dokument. Programme nehmen wir nicht an.',
    en: 'The file is a program, not a document. We do not accept programs.',
  },
  'macro-enabled': {
    de: 'Die Datei enthält Makros. Bitte senden Sie das Dokument als PDF.',
    en: 'The file contains macros. Please send the document as a PDF.',
  },
  encrypted: {
    de: 'Die Datei ist mit einem Passwort geschützt. Bitte senden Sie sie ohne Passwort.',
    en: 'The file is protected by a password. Please send it without a password.',
  },
  archive: {
    de: 'Die Datei ist ein gepacktes Archiv (zum Beispiel ZIP). Bitte senden Sie die Dokumente einzeln als PDF oder Foto.',
    en: 'The file is a packed archive (for example ZIP). Please send the documents one by one as PDF files or photos.',
  },
  'too-deeply-nested': {
    de: 'Die Datei steckt zu tief in weitergeleiteten E-Mails. Bitte hängen Sie sie direkt an eine neue E-Mail an.',
    en: 'The file is nested too deeply in forwarded emails. Please attach it directly to a new email.',
  },
  unreadable: {
    de: 'Die Datei konnte nicht gelesen werden. Bitte senden Sie sie erneut.',
    en: 'The file could not be read. Please send it again.',
  },
  'winmail-dat': {
    de: 'Ihr E-Mail-Programm hat die Anhänge in eine Datei „winmail.dat“ verpackt, die wir nicht öffnen können. Bitte senden Sie die Dokumente erneut, am besten als PDF.',
    en: 'Your email program packed the attachments into a "winmail.dat" file that we cannot open. Please send the documents again, preferably as PDF files.',
  },
  malware: {
    de: 'In der Datei wurde Schadsoftware gefunden. Bitte prüfen Sie Ihr Gerät und senden Sie das Dokument erneut.',
    en: 'Malicious software was found in the file. Please check your device and send the document again.',
  },
  'scan-unsupported': {
    de: 'Die Datei konnte nicht auf Schadsoftware geprüft werden. Bitte senden Sie sie als einfaches PDF oder Foto.',
    en: 'The file could not be checked for malicious software. Please send it as a plain PDF or photo.',
  },
  'scan-failed': {
    de: 'Die Prüfung der Datei ist fehlgeschlagen. Ihre Sachbearbeitung sieht sie sich an; Sie müssen nichts tun.',
    en: 'Checking the file failed. Your caseworker will look at it; you need not do anything.',
  },
  'scan-timeout': {
    de: 'Die Prüfung der Datei dauert länger. Ihre Sachbearbeitung sieht sie sich an; Sie müssen nichts tun.',
    en: 'Checking the file is taking longer. Your caseworker will look at it; you need not do anything.',
  },
  'active-content': {
    de: 'Die Datei enthält Inhalte, die sich beim Öffnen selbst ausführen. Bitte senden Sie ein einfaches PDF oder Foto.',
    en: 'The file contains content that runs by itself when opened. Please send a plain PDF or photo.',
  },
  'unsafe-name': {
    de: 'Der Dateiname ist ungewöhnlich. Bitte benennen Sie die Datei einfach (zum Beispiel „Reisepass.pdf“) und senden Sie sie erneut.',
    en: 'The file name is unusual. Please give the file a simple name (for example "passport.pdf") and send it again.',
  },
  signature: {
    de: 'Das ist eine elektronische Signatur, kein Dokument; sie wird nicht gebraucht.',
    en: 'This is an electronic signature, not a document; it is not needed.',
  },
  calendar: {
    de: 'Das sind Kalenderdaten, kein Dokument.',
    en: 'This is calendar data, not a document.',
  },
  'forwarded-email': {
    de: 'Das ist eine weitergeleitete E-Mail; ihre Anhänge haben wir einzeln angesehen.',
    en: 'This is a forwarded email; we looked at its attachments one by one.',
  },
  'inline-image': {
    de: 'Das ist ein Bild aus dem Text Ihrer E-Mail (zum Beispiel ein Logo), kein Dokument.',
    en: 'This is a picture from the text of your email (for example a logo), not a document.',
  },
};

/** A reason code in the applicant's words; an unknown code still reads as a sentence. */
export function applicantHoldReason(reason: string | null, language: CaseLanguage): string {
  const known = reason === null ? undefined : APPLICANT_HOLD_REASONS[reason as HoldReason];
  if (known !== undefined) return known[language];
  return language === 'de'
    ? 'Die Datei konnte nicht angenommen werden. Ihre Sachbearbeitung sieht sie sich an.'
    : 'The file could not be accepted. Your caseworker will look at it.';
}

/** Parts that are kept with the email but are no files of the applicant's to tell about. */
const NOT_TOLD: ReadonlySet<string> = new Set(['calendar', 'inline-image', 'signature', 'forwarded-email']);

/** A file of the email as the acknowledgement needs it. */
export interface SubmittedFile {
  readonly sha256: string;
  readonly filename: string | null;
  readonly accepted: boolean;
  readonly reason: string | null;
}

/**
 * What to tell the applicant about one submission: nothing (nothing arrived that is theirs to
 * hear about), that it arrived and what is still missing (the acknowledgement is the query), or
 * that the file is now complete.
 */
export type AcknowledgementKind = Extract<MessageKind, 'submission-received' | 'file-complete'>;

export interface Acknowledgement {
  readonly kind: AcknowledgementKind;
  /** Required items still missing, by id. */
  readonly missing: readonly string[];
  /** The view per language. */
  readonly view: (language: CaseLanguage) => TemplateView;
}

/**
 * Composes the acknowledgement of one submission from the case as it is after recording it:
 * each file that arrived with the checklist item it covers, each file that could not be accepted
 * with the reason in plain words, and what is still missing. The file-complete message when this
 * submission brought the last missing item; null when it brought nothing new (only files the
 * case had already) and held nothing, so 40 copies of one email are not answered 40 times.
 */
export function composeAcknowledgement(
  caseFile: CaseFile,
  documents: readonly CaseDocument[],
  submission: { readonly messageId: string; readonly files: readonly SubmittedFile[] },
): Acknowledgement | null {
  const fromThis = documents.filter((d) => d.messageId === submission.messageId);
  const held = submission.files.filter((f) => !f.accepted && !NOT_TOLD.has(f.reason ?? ''));
  if (fromThis.length === 0 && held.length === 0) return null;
  const missing = missingItems(caseFile, documents);
  const missingBefore = missingItems(
    caseFile,
    documents.filter((d) => d.messageId !== submission.messageId),
  );
  const kind: AcknowledgementKind =
    missing.length === 0 && missingBefore.length > 0 ? 'file-complete' : 'submission-received';
  const name = (filename: string | null, language: CaseLanguage): string =>
    displayLine(filename ?? (language === 'de' ? '(ohne Namen)' : '(no name)'));
  return {
    kind,
    missing: missing.map((m) => m.id),
    view: (language) => ({
      received: fromThis.map((d) => ({
        filename: name(d.filename, language),
        item:
          caseFile.checklist.items.find((i) => i.id === d.checklistItem)?.label[language] ??
          (language === 'de'
            ? 'noch keinem Punkt zugeordnet; Ihre Sachbearbeitung ordnet es zu'
            : 'not yet matched to an item; your caseworker will do so'),
      })),
      notAccepted: held.map((f) => ({
        filename: name(f.filename, language),
        reason: applicantHoldReason(f.reason, language),
      })),
      missing: missing.map((m) => ({ label: m.label[language] })),
    }),
  };
}
