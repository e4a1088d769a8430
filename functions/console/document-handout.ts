import type { ObjectLocation } from '../domain/intake-request.ts';
import { displayLine } from '../domain/display-text.ts';

/**
 * How a stored file reaches the browser, once the console has checked the caseworker may have it
 * and recorded the view. Locally the bytes are served (S3DocumentHandout); on AWS, where Lambda
 * answers stop at 6 MB, a redirect to a presigned URL valid for a minute.
 */
export interface DocumentHandout {
  respond(file: FileToServe): Promise<Response>;
}

export interface FileToServe {
  readonly location: ObjectLocation;
  /** The name the sender gave it (shown safely, see contentDisposition); null: `Dokument`. */
  readonly filename: string | null;
  /** The type read from the bytes; anything not shown inline is served as octet-stream. */
  readonly contentType: string;
  readonly disposition: 'inline' | 'attachment';
}

/**
 * `Content-Disposition` with the sender's file name (RFC 6266): an ASCII fallback in `filename`
 * and the exact name in `filename*` (RFC 5987, UTF-8). Characters that would be interpreted
 * (controls, bidi overrides: `Reisepass‮fdp.exe`) are shown as `⟨U+202E⟩`, path separators
 * replaced, so a saved file cannot pretend another extension or land in another folder.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string | null): string {
  const safe = visibleFileName(filename);
  const fallback = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function visibleFileName(filename: string | null): string {
  const name = (filename ?? '').trim();
  if (name === '') return 'Dokument';
  return displayLine(name).replace(/[/\\]/g, '_').slice(0, 200);
}

/** The headers every handed-out file carries, however it is handed out. */
export function fileHeaders(file: FileToServe): Record<string, string> {
  return {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.disposition, file.filename),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    // A PDF needs the browser's viewer; anything else may run nothing in our origin.
    ...(file.contentType === 'application/pdf'
      ? {}
      : { 'Content-Security-Policy': "default-src 'none'; sandbox" }),
  };
}
