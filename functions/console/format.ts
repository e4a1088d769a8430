import type { CaseStatus } from '../domain/case-file.ts';
import type { TriageReason } from '../domain/triage.ts';
import type { CaseActivityKind } from '../domain/case-activity.ts';

/** A date (and time) in the office's time zone as German caseworkers read it; the text as given when it is no date. */
function german(iso: string, timeZone: string, time: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(time ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

/** Dates and times as German caseworkers read them, in the office's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  return german(iso, timeZone, true);
}

export function formatDate(iso: string, timeZone: string): string {
  return german(iso, timeZone, false);
}

/** A date and a time in the office's time zone as form fields fill them (`2026-12-07`, `09:30`). */
export function localDateAndTime(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'Größe unbekannt';
  const format = (n: number, unit: string): string =>
    `${n.toLocaleString('de-DE', { maximumFractionDigits: 1 })} ${unit}`;
  if (bytes < 1024) return `${bytes} Byte`;
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: 'Offen – Unterlagen fehlen',
  'ready-for-review': 'Prüfbereit',
  decided: 'Eingeladen',
  closed: 'Abgeschlossen',
};

export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'ready-for-review', 'decided', 'closed'];

/** Why an email waits in the Eingang, in the caseworker's words. */
export const TRIAGE_REASON_LABELS: Readonly<Record<TriageReason, string>> = {
  'quarantined-virus': 'Virenverdacht (Prüfung durch den E-Mail-Empfang)',
  'quarantined-spam': 'Spamverdacht (Prüfung durch den E-Mail-Empfang)',
  'no-match': 'Keinem Vorgang zuzuordnen',
  'unknown-reference': 'Unbekanntes Aktenzeichen',
  ambiguous: 'Mehrere Vorgänge kommen in Frage',
  'unverified-sender': 'Absender nicht bestätigt (SPF/DKIM/DMARC)',
  'reference-from-unknown-sender': 'Aktenzeichen genannt, aber Absender ist kein Kontakt',
  'thread-reply-from-unregistered-sender': 'Antwort auf unsere E-Mail, aber nicht von einem Kontakt',
  'thread-reply-unauthenticated': 'Antwort von einem Kontakt, Absender aber nicht bestätigt',
  'ambiguous-sender': 'Absender unklar (mehrere oder verdeckte Adressen)',
  'from-own-address': 'Absender ist eine Adresse des Amts (Schleife oder Fälschung)',
  'case-closed': 'Der Vorgang ist abgeschlossen',
  'processing-error': 'Verarbeitung fehlgeschlagen',
};

export const ACTIVITY_LABELS: Readonly<Record<CaseActivityKind, string>> = {
  'document-viewed': 'Dokument geöffnet',
  'quarantined-file-downloaded': 'Zurückgehaltene Datei nach Warnung heruntergeladen',
  'message-viewed': 'E-Mail gelesen',
  'document-moved': 'Dokument verschoben',
  'item-ticked': 'Punkt von Hand abgehakt',
  'item-unticked': 'Haken von Hand entfernt',
  'assigned-from-triage': 'E-Mail aus dem Eingang zugeordnet',
  'case-opened-from-triage': 'Vorgang aus dem Eingang angelegt',
  'query-sent': 'Rückfrage gesendet',
  'invitation-sent': 'Einladung gesendet',
  'appointment-cancelled': 'Termin abgesagt',
  'case-closed': 'Vorgang abgeschlossen',
};

/** What kind of file, from the type read from its bytes. */
export function kindOf(detectedType: string | null): string {
  if (detectedType === null) return 'unbekannt';
  if (detectedType === 'application/pdf') return 'PDF';
  if (detectedType.startsWith('image/')) return `Bild (${detectedType.slice(6).toUpperCase()})`;
  if (detectedType.startsWith('text/')) return 'Text';
  if (detectedType.includes('word') || detectedType.includes('opendocument')) return 'Textdokument';
  return detectedType;
}

/** Files a browser may show inside the console: its own PDF viewer, or an image. Nothing else inline. */
export const INLINE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);
