import type { AttachmentKind, HoldReason } from './parsed-email.ts';
import {
  ACTIVE_EXTENSIONS,
  ACTIVE_TYPES,
  type ActiveContentFinding,
  ARCHIVE_TYPES,
  CALENDAR_EXTENSIONS,
  CALENDAR_TYPES,
  EXECUTABLE_EXTENSIONS,
  EXECUTABLE_TYPES,
  EXTENSIONS_BY_TYPE,
  MACRO_EXTENSIONS,
  MESSAGE_EXTENSIONS,
  MESSAGE_TYPES,
  OTHER_KNOWN_EXTENSIONS,
  SIGNATURE_EXTENSIONS,
  SIGNATURE_TYPES,
  TNEF_TYPES,
  UNINFORMATIVE_DECLARED_TYPES,
  UNSAFE_NAME_CHARACTERS,
  canonicalType,
  extensionOf,
} from './attachment-types.ts';

/**
 * Which attachments a caseworker may open as they are. Everything else is held in quarantine for
 * a person to look at: kept, never dropped. The type that counts is the one read from the bytes;
 * the declared type and the file name can only make a file *more* suspicious, never less.
 */

/** SES accepts messages up to 40 MB; one file beyond this is not a document scan or photo. */
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

/** Forwarded emails inside forwarded emails: beyond this depth nothing is a plausible document. */
export const MAX_FORWARD_DEPTH = 3;

/**
 * Types a caseworker can open safely, as read from the bytes: scans and photos (PDF and the image
 * formats phones and scanners write), Word and OpenDocument text (no macros: those are
 * detected as their own types and held), and plain text, which applicants send as `.txt` notes
 * and which no viewer executes. HTML, SVG, XML and CSV are text too, but run scripts or formulas
 * when opened, so they are not here.
 */
export const ACCEPTED_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
  'image/tiff',
  'image/webp',
  'image/gif',
  'image/bmp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
]);

export interface AttachmentFacts {
  readonly filename: string | null;
  readonly declaredType: string;
  readonly detectedType: string | null;
  readonly size: number;
  /** Nesting depth: 0 for the message itself, 1 inside one forwarded email, … */
  readonly depth: number;
  /** Set when the bytes show encryption (password-protected PDF or archive). */
  readonly encrypted: boolean;
  /** A malware scanner's finding, when one ran; absent or false when none did or it found nothing. */
  readonly malwareFound?: boolean;
  /** What a look through the whole file found that runs when opened. */
  readonly activeContent?: readonly ActiveContentFinding[];
  /**
   * The name as it will be shown and stored, when it had to be cut (`filename` is always the
   * whole decoded name: the policy judges what the sender wrote, not what is left of it).
   */
  readonly shownFilename?: string | null;
}

export interface AttachmentVerdict {
  readonly accepted: boolean;
  readonly reason: HoldReason | null;
  readonly kind: AttachmentKind;
}

/** What the file is to the case, from what the message declared and the name. */
export function attachmentKind(
  filename: string | null,
  declaredType: string,
  detectedType: string | null,
): AttachmentKind {
  const declared = canonicalType(declaredType);
  const name = filename ?? '';
  if (SIGNATURE_TYPES.has(declared) || SIGNATURE_EXTENSIONS.test(name)) return 'signature';
  if (CALENDAR_TYPES.has(declared) || CALENDAR_EXTENSIONS.test(name) || detectedType === 'text/calendar')
    return 'calendar';
  if (MESSAGE_TYPES.has(declared) || MESSAGE_EXTENSIONS.test(name)) return 'forwarded-email';
  return 'document';
}

/**
 * Whether a part is a forwarded email in MIME form that the parser should read into: declared as
 * one, or an `.eml` file under an uninformative type. (Outlook's `.msg` is not MIME: kept whole.)
 */
export function isForwardedEmail(filename: string | null, declaredType: string): boolean {
  const declared = canonicalType(declaredType);
  if (MESSAGE_TYPES.has(declared)) return true;
  return UNINFORMATIVE_DECLARED_TYPES.has(declared) && /\.eml$/i.test(filename ?? '');
}

/**
 * Decides whether an attachment may reach a case as it is, or is held with a reason. The order
 * matters: the most dangerous finding names the reason (an executable called `signature.asc` is
 * held as `executable`, not recorded as a signature).
 */
export function assessAttachment(facts: AttachmentFacts): AttachmentVerdict {
  const detected = facts.detectedType === null ? null : canonicalType(facts.detectedType);
  const declared = canonicalType(facts.declaredType);
  const name = facts.filename ?? '';
  const kind = attachmentKind(facts.filename, facts.declaredType, detected);
  const hold = (reason: HoldReason): AttachmentVerdict => ({ accepted: false, reason, kind });

  if (facts.size === 0) return hold('empty');
  if (facts.malwareFound === true) return hold('malware');
  if (facts.size > MAX_ATTACHMENT_BYTES) return hold('too-large');
  if (facts.depth > MAX_FORWARD_DEPTH) return hold('too-deeply-nested');
  if (
    (detected !== null && EXECUTABLE_TYPES.has(detected)) ||
    EXECUTABLE_TYPES.has(declared) ||
    EXECUTABLE_EXTENSIONS.test(name)
  ) {
    return hold('executable');
  }
  const found = new Set(facts.activeContent ?? []);
  if (
    MACRO_EXTENSIONS.test(name) ||
    declared.includes('macroenabled') ||
    (detected?.includes('macroenabled') ?? false) ||
    (found.has('office-macros') && isOfficeContainer(detected))
  ) {
    return hold('macro-enabled');
  }
  if (
    (detected !== null && ACTIVE_TYPES.has(detected)) ||
    ACTIVE_TYPES.has(declared) ||
    ACTIVE_EXTENSIONS.test(name.trim()) ||
    (detected === 'application/pdf' && [...found].some((f) => f.startsWith('pdf-'))) ||
    (found.has('markup') && (detected === null || detected.startsWith('text/')))
  ) {
    return hold('active-content');
  }
  if (unsafeName(facts)) return hold('unsafe-name');
  if (facts.encrypted) return hold('encrypted');
  if (
    TNEF_TYPES.has(declared) ||
    (detected !== null && TNEF_TYPES.has(detected)) ||
    /^winmail\.dat$/i.test(name.trim())
  ) {
    return hold('winmail-dat');
  }
  if (kind === 'signature') return hold('signature');
  if (kind === 'calendar') return hold('calendar');
  // The parser reads into forwarded emails only below the depth limit: one at the limit was not
  // opened, so what is inside is unknown.
  if (kind === 'forwarded-email')
    return hold(facts.depth >= MAX_FORWARD_DEPTH ? 'too-deeply-nested' : 'forwarded-email');
  if (detected !== null && ARCHIVE_TYPES.has(detected)) {
    // Office documents are zip containers and are detected as their own type before this.
    return hold('archive');
  }
  const declaredInformative = !UNINFORMATIVE_DECLARED_TYPES.has(declared);
  if (detected === null || !ACCEPTED_TYPES.has(detected)) {
    // Bytes that are not what an accepted declared type promised contradict it; unknown bytes
    // under an uninformative type are simply not allowed.
    return hold(
      declaredInformative && ACCEPTED_TYPES.has(declared) && detected !== declared
        ? 'type-mismatch'
        : 'type-not-allowed',
    );
  }
  if (declaredInformative && declared !== detected && !sameFamily(declared, detected))
    return hold('type-mismatch');
  if (!extensionFits(name, detected)) return hold('type-mismatch');
  return { accepted: true, reason: null, kind };
}

/**
 * A name with control characters or bidirectional overrides (which make `gpj.exe` read as
 * `exe.jpg`), or one whose extension a shortened form would change: what a person would see is
 * not what the file is called.
 */
function unsafeName(facts: AttachmentFacts): boolean {
  const name = facts.filename ?? '';
  if (UNSAFE_NAME_CHARACTERS.test(name)) return true;
  if (facts.shownFilename === undefined || facts.shownFilename === facts.filename) return false;
  return extensionOf(facts.shownFilename ?? '') !== extensionOf(name);
}

/** Zip-based Office and OpenDocument files, and the older compound files: where macros live. */
function isOfficeContainer(detected: string | null): boolean {
  if (detected === null) return false;
  return (
    detected === 'application/zip' ||
    detected === 'application/x-cfb' ||
    detected === 'application/msword' ||
    detected.startsWith('application/vnd.openxmlformats-officedocument') ||
    detected.startsWith('application/vnd.ms-') ||
    detected.startsWith('application/vnd.oasis.opendocument')
  );
}

/** HEIC and HEIF are one container family; phones label them either way. */
function sameFamily(declared: string, detected: string): boolean {
  const heif = new Set(['image/heic', 'image/heif', 'image/avif']);
  return heif.has(declared) && heif.has(detected);
}

/** No extension, an unknown one, or one of the detected type's own. */
function extensionFits(filename: string, detected: string): boolean {
  const extension = extensionOf(filename);
  if (extension === null) return true;
  const own = EXTENSIONS_BY_TYPE[detected] ?? [];
  if (own.includes(extension)) return true;
  return !OTHER_KNOWN_EXTENSIONS.has(extension);
}
