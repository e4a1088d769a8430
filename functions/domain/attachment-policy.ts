import type { HoldReason } from './parsed-email.ts';

/**
 * Which attachments a caseworker may open as they are. Everything else is held in quarantine for
 * a person to look at: kept, never dropped.
 */

/** SES accepts messages up to 40 MB; one file beyond this is not a document scan or photo. */
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

/** Forwarded emails inside forwarded emails: beyond this depth nothing is a plausible document. */
export const MAX_FORWARD_DEPTH = 3;

/** Types a caseworker can open safely, as read from the bytes. */
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
]);

/** Types whose bytes run code. */
const EXECUTABLE_TYPES: ReadonlySet<string> = new Set([
  'application/x-msdownload',
  'application/x-dosexec',
  'application/x-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/vnd.microsoft.portable-executable',
  'application/x-sharedlib',
  'application/java-archive',
  'application/x-msi',
  'application/x-ms-shortcut',
]);

const EXECUTABLE_EXTENSIONS =
  /\.(exe|com|scr|pif|bat|cmd|msi|dll|js|jse|vbs|vbe|wsf|wsh|ps1|hta|lnk|jar|sh|app|apk)$/i;
const MACRO_EXTENSIONS = /\.(docm|dotm|xlsm|xltm|xlam|pptm|potm|ppsm|sldm)$/i;
const ARCHIVE_TYPES: ReadonlySet<string> = new Set([
  'application/zip',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/gzip',
  'application/x-tar',
  'application/x-bzip2',
  'application/x-xz',
]);

/** Declared types that say nothing about the content, so they cannot contradict it. */
const UNINFORMATIVE_DECLARED_TYPES: ReadonlySet<string> = new Set([
  'application/octet-stream',
  'application/unknown',
  'binary/octet-stream',
  'application/x-download',
  'application/force-download',
]);

/** Families of types that are the same thing under different names. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heif',
  'application/x-pdf': 'application/pdf',
};

export interface AttachmentFacts {
  readonly filename: string | null;
  readonly declaredType: string;
  readonly detectedType: string | null;
  readonly size: number;
  /** Nesting depth: 0 for the message itself, 1 inside one forwarded email, … */
  readonly depth: number;
  /** Set when the bytes show encryption (password-protected PDF or archive). */
  readonly encrypted: boolean;
}

export interface AttachmentVerdict {
  readonly accepted: boolean;
  readonly reason: HoldReason | null;
}

function canonicalType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return TYPE_ALIASES[bare] ?? bare;
}

/** Decides whether an attachment may reach a case as it is, or is held with a reason. */
export function assessAttachment(facts: AttachmentFacts): AttachmentVerdict {
  const hold = (reason: HoldReason): AttachmentVerdict => ({ accepted: false, reason });
  const detected = facts.detectedType === null ? null : canonicalType(facts.detectedType);
  const declared = canonicalType(facts.declaredType);
  const name = facts.filename ?? '';

  if (facts.size === 0) return hold('empty');
  if (facts.size > MAX_ATTACHMENT_BYTES) return hold('too-large');
  if (facts.depth > MAX_FORWARD_DEPTH) return hold('too-deeply-nested');
  if ((detected !== null && EXECUTABLE_TYPES.has(detected)) || EXECUTABLE_EXTENSIONS.test(name)) {
    return hold('executable');
  }
  if (MACRO_EXTENSIONS.test(name) || declared.includes('macroenabled')) return hold('macro-enabled');
  if (facts.encrypted) return hold('encrypted');
  if (detected !== null && ARCHIVE_TYPES.has(detected) && !ACCEPTED_TYPES.has(detected)) {
    // Office documents are zip containers and are detected as their own type before this.
    return hold('archive');
  }
  if (detected === null || !ACCEPTED_TYPES.has(detected)) return hold('type-not-allowed');
  if (
    !UNINFORMATIVE_DECLARED_TYPES.has(declared) &&
    declared !== detected &&
    !sameFamily(declared, detected)
  ) {
    return hold('type-mismatch');
  }
  return { accepted: true, reason: null };
}

/** HEIC and HEIF are one container family; phones label them either way. */
function sameFamily(declared: string, detected: string): boolean {
  const heif = new Set(['image/heic', 'image/heif', 'image/avif']);
  return heif.has(declared) && heif.has(detected);
}
