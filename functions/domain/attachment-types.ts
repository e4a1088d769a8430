/**
 * What file types and names mean to the attachment policy: which run code, which are containers,
 * which are not documents at all, and which names go with which types. Types are MIME types as
 * file-type (bytes) or the message (declared) names them.
 */

/** Types whose bytes run code. */
export const EXECUTABLE_TYPES: ReadonlySet<string> = new Set([
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
  'application/x-sh',
  'application/x-shellscript',
  'text/x-shellscript',
  'application/x-bat',
  'application/x-msdos-program',
  'application/javascript',
  'text/javascript',
  'application/x-javascript',
  'application/hta',
  'application/vnd.ms-htmlhelp',
  'application/x-ms-application',
]);

export const EXECUTABLE_EXTENSIONS =
  /\.(exe|com|scr|pif|bat|cmd|msi|msp|dll|cpl|js|jse|mjs|vbs|vbe|wsf|wsh|ws|ps1|psm1|hta|lnk|url|jar|sh|app|apk|reg|chm|iso|img|vhd|vhdx|appx|msix|application|gadget|scf|inf)$/i;
export const MACRO_EXTENSIONS = /\.(docm|dotm|xlsm|xltm|xlam|pptm|potm|ppsm|sldm)$/i;
export const ARCHIVE_TYPES: ReadonlySet<string> = new Set([
  'application/zip',
  'application/x-zip-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/gzip',
  'application/x-tar',
  'application/x-bzip2',
  'application/x-xz',
]);

/**
 * Outlook's TNEF container (`winmail.dat`): it hides the real attachments and formatting in a
 * format only Outlook reads. Held so a person can ask the applicant to send the files again.
 */
export const TNEF_TYPES: ReadonlySet<string> = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);

/**
 * Signatures (S/MIME `smime.p7s`, PGP `signature.asc`) prove who sent a message; they are not
 * documents of the case and nothing here verifies them, so they are recorded and kept (a person
 * can verify them later) but never added to a case as a document.
 */
export const SIGNATURE_TYPES: ReadonlySet<string> = new Set([
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/pgp-signature',
]);
export const SIGNATURE_EXTENSIONS = /\.(p7s|asc|sig)$/i;

/**
 * Calendar data (`text/calendar`, `.ics`): an applicant's calendar answering the office's
 * invitation, or proposing a time. Information for the caseworker, not a document; it can
 * carry links and attachments of its own, so it is not opened as one.
 */
export const CALENDAR_TYPES: ReadonlySet<string> = new Set(['text/calendar', 'application/ics']);
export const CALENDAR_EXTENSIONS = /\.(ics|ical|ifb|vcs)$/i;

/**
 * A forwarded email (`message/rfc822`, `.eml`): its own attachments are read out and assessed
 * one by one; the email itself is kept whole as the record of what was forwarded.
 */
export const MESSAGE_TYPES: ReadonlySet<string> = new Set(['message/rfc822', 'message/global']);
export const MESSAGE_EXTENSIONS = /\.(eml|msg)$/i;

/** Declared types that say nothing about the content, so they cannot contradict it. */
export const UNINFORMATIVE_DECLARED_TYPES: ReadonlySet<string> = new Set([
  'application/octet-stream',
  'application/unknown',
  'binary/octet-stream',
  'application/x-download',
  'application/force-download',
  'application/binary',
  '',
]);

/** Families of types that are the same thing under different names. */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heif',
  'image/x-tiff': 'image/tiff',
  'image/x-ms-bmp': 'image/bmp',
  'application/x-pdf': 'application/pdf',
  'application/acrobat': 'application/pdf',
};

/**
 * File name extensions of the accepted types. A name whose extension belongs to a *different*
 * known type than the bytes is held: a viewer picks the program by the name, so a PDF called
 * `scan.html` would open as a web page (PDF/HTML polyglots exist for exactly this).
 */
export const EXTENSIONS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/heic': ['heic', 'heif', 'hif'],
  'image/heif': ['heic', 'heif', 'hif'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'image/bmp': ['bmp', 'dib'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'text/plain': ['txt', 'text', 'log'],
};

/** Extensions that name some other type a viewer would open differently. */
export const OTHER_KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  'html',
  'htm',
  'xhtml',
  'svg',
  'xml',
  'csv',
  'rtf',
  'doc',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'ods',
  'odp',
  'zip',
  'rar',
  '7z',
  'gz',
  'tar',
  'pdf',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'heic',
  'heif',
  'webp',
  'docx',
  'odt',
  'txt',
  'md',
  'json',
  'eml',
  'ics',
]);

/** A type without parameters, lower case, under its usual name. */
export function canonicalType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return TYPE_ALIASES[bare] ?? bare;
}

/** The extension of a file name, lower case, without the dot; null when it has none. */
export function extensionOf(filename: string): string | null {
  return /\.([a-z0-9]{1,8})$/i.exec(filename.trim())?.[1]?.toLowerCase() ?? null;
}

/**
 * What a look through a whole file found that runs when it is opened: PDF JavaScript, an open
 * action, a launch action or embedded files; a macro project in an Office file (`vbaProject.bin`
 * in a zip container, `_VBA_PROJECT` in an old compound file); markup (HTML, SVG, script) in
 * what is otherwise text. Found by the content sniffer while the file streams in.
 */
export type ActiveContentFinding =
  'pdf-javascript' | 'pdf-open-action' | 'pdf-launch' | 'pdf-embedded-file' | 'office-macros' | 'markup';

/** Types that run scripts or formulas when opened, whatever the name says. */
export const ACTIVE_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/x-sylk',
  'text/x-ms-iqy',
  'message/x-mht',
  'multipart/related',
]);

/**
 * Names a viewer opens as something that runs: web pages under every name (server-side includes,
 * web archives), SVG, XML with style sheets, SYLK spreadsheets and Excel web queries.
 */
export const ACTIVE_EXTENSIONS =
  /\.(html?|shtml?|xhtml?|xht|mht|mhtml|svgz?|xml|xsl|xslt|slk|sylk|iqy|dqy|rqy|oqy|htc|xbap|settingcontent-ms)$/i;

/** Control characters (C0, DEL, C1) and the bidirectional overrides and isolates that reorder how a name reads. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
