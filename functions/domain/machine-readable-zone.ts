import { parse } from 'mrz';
import { foldText } from './document-recognition.ts';

/**
 * The machine-readable zone (MRZ) of passports (TD3: two lines of 44) and ID and residence cards
 * (TD1: three lines of 30; TD2: two of 36), found in text read from a document (a text layer or
 * OCR). Its check digits say whether it was read right; what it names is compared with the case
 * and every difference is put to the caseworker, never decided here.
 */
export interface MrzReading {
  readonly format: string;
  /** "P" (passport), "AR" (German residence permit card), "ID", … */
  readonly documentCode: string;
  readonly issuingState: string | null;
  readonly documentNumber: string | null;
  readonly surname: string;
  readonly givenNames: string;
  /** ISO date, or null when unreadable. */
  readonly birthDate: string | null;
  readonly expiryDate: string | null;
  /** Every check digit agrees with what it checks. */
  readonly checkDigitsValid: boolean;
}

/** Line lengths of the ICAO 9303 formats, longest first. */
const FORMATS: readonly { lines: number; length: number }[] = [
  { lines: 2, length: 44 },
  { lines: 2, length: 36 },
  { lines: 3, length: 30 },
];

/**
 * OCR drops trailing fillers and reads "<" as "«" or "K<"; a line this many characters short is
 * padded with fillers before parsing (the check digits then still decide).
 */
const MAX_MISSING_FILLERS = 3;

/** A text line as MRZ characters only, or null if it cannot be one. */
function mrzLine(line: string): string | null {
  const cleaned = line.toUpperCase().replace(/[«‹]/g, '<').replace(/\s+/g, '');
  if (cleaned.length < 25 || !/^[A-Z0-9<]+$/.test(cleaned) || !cleaned.includes('<')) return null;
  // OCR reads long runs of fillers as "<Z<ZZEZL…". Where a run of three fillers starts and nothing
  // after it is a digit (the name line), the rest of the line is fillers.
  const run = cleaned.indexOf('<<<');
  if (run > 0 && !/\d/.test(cleaned.slice(run))) return cleaned.slice(0, run).padEnd(cleaned.length, '<');
  return cleaned;
}

/** A line fitted to a format's length: fillers OCR dropped added, surplus trailing fillers cut. */
function fitted(line: string, length: number): string | null {
  if (line.length > length) return /^<+$/.test(line.slice(length)) ? line.slice(0, length) : null;
  if (line.length < length - MAX_MISSING_FILLERS) return null;
  return line.padEnd(length, '<');
}

function isoDate(yymmdd: string | null | undefined, future: boolean, now: Date): string | null {
  if (yymmdd == null || !/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const currentYy = now.getUTCFullYear() % 100;
  // Birth dates lie in the past, expiry dates within a passport's validity ahead.
  const century = future ? 2000 : yy > currentYy ? 1900 : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function tryParse(lines: string[], now: Date): MrzReading | null {
  try {
    const result = parse(lines, { autocorrect: true });
    const fields = result.fields as Record<string, string | null | undefined>;
    const checkDigitsValid = result.details
      .filter((d) => /CheckDigit$/.test(d.field ?? ''))
      .every((d) => d.valid);
    if (fields.documentCode == null || fields.lastName == null) return null;
    return {
      format: result.format,
      documentCode: fields.documentCode,
      issuingState: fields.issuingState ?? null,
      documentNumber: fields.documentNumber ?? null,
      surname: fields.lastName,
      givenNames: fields.firstName ?? '',
      birthDate: isoDate(fields.birthDate, false, now),
      expiryDate: isoDate(fields.expirationDate, true, now),
      checkDigitsValid,
    };
  } catch {
    return null;
  }
}

/**
 * The MRZ in a text, or null. Consecutive lines of one format's length are tried; a reading whose
 * check digits agree wins over one whose do not.
 */
export function findMrz(text: string, now: Date): MrzReading | null {
  const lines = text.split(/\r?\n/).map(mrzLine);
  let fallback: MrzReading | null = null;
  for (const format of FORMATS) {
    for (let start = 0; start + format.lines <= lines.length; start += 1) {
      const group = lines
        .slice(start, start + format.lines)
        .map((l) => (l === null ? null : fitted(l, format.length)));
      if (group.some((l) => l === null)) continue;
      const reading = tryParse(group as string[], now);
      if (reading === null) continue;
      if (reading.checkDigitsValid) return reading;
      fallback ??= reading;
    }
  }
  return fallback;
}

/** The person a case is about, as the MRZ is compared with. */
export interface CaseIdentity {
  readonly applicantName: string;
  /** ISO date; absent when the case does not record it. */
  readonly birthDate?: string;
}

/** ICAO transliterates "Ä" as "AE" or "A": both compare equal. */
function nameTokens(name: string): string[] {
  return foldText(name.replace(/ä/gi, 'a').replace(/ö/gi, 'o').replace(/ü/gi, 'u'))
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .split(/[^a-z]+/)
    .filter((t) => t !== '');
}

/** A month ahead of an ISO date, in whole days, as the "within three months" notice counts. */
const EXPIRY_NOTICE_MONTHS = 3;

/**
 * Notes for the caseworker about a read MRZ, in German: another person's name or birth date, check
 * digits that do not agree, an expired document or one expiring within three months. An empty
 * list means nothing to point out.
 */
export function mrzNotes(reading: MrzReading, identity: CaseIdentity, now: Date): string[] {
  const notes: string[] = [];
  if (!reading.checkDigitsValid) notes.push('Prüfziffern der MRZ stimmen nicht (Lesefehler oder Fälschung?)');
  const caseTokens = new Set(nameTokens(identity.applicantName));
  const surname = nameTokens(reading.surname);
  const given = nameTokens(reading.givenNames);
  const nameMatches =
    surname.length > 0 &&
    surname.every((t) => caseTokens.has(t)) &&
    (given.length === 0 || caseTokens.has(given[0]!));
  const birthMatches =
    identity.birthDate === undefined ||
    reading.birthDate === null ||
    reading.birthDate === identity.birthDate;
  if (!nameMatches || !birthMatches) {
    const differs = [!nameMatches ? 'Name' : null, !birthMatches ? 'Geburtsdatum' : null]
      .filter(Boolean)
      .join(' und ');
    notes.push(`Dokument einer anderen Person? ${differs} im Dokument weicht vom Vorgang ab`);
  }
  if (reading.expiryDate !== null) {
    const today = now.toISOString().slice(0, 10);
    const soon = new Date(now);
    soon.setUTCMonth(soon.getUTCMonth() + EXPIRY_NOTICE_MONTHS);
    if (reading.expiryDate < today) notes.push(`Abgelaufen am ${reading.expiryDate}`);
    else if (reading.expiryDate <= soon.toISOString().slice(0, 10))
      notes.push(`Läuft am ${reading.expiryDate} ab (in weniger als drei Monaten)`);
  }
  return notes;
}
