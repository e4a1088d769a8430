/**
 * Images the email's HTML body shows in place (`<img src="cid:…">`): signature logos, social
 * media icons, a letterhead. They are kept with the email but are no documents of the case and
 * tick nothing. An image of document size stays a document, though: a phone that writes HTML
 * embeds the applicant's photos of their papers the same way.
 */

/** Larger inline images are treated as photos the applicant sent (a logo is a few kilobytes). */
export const MAX_BODY_IMAGE_BYTES = 100 * 1024;

export interface InlinePart {
  readonly origin: string;
  readonly detectedType: string | null;
  readonly size: number;
  readonly contentId: string | null;
}

/** Whether a part is an image the body shows (by Content-ID) rather than a file sent. */
export function isBodyImage(part: InlinePart, shownContentIds: ReadonlySet<string>): boolean {
  return (
    part.origin === 'inline' &&
    part.contentId !== null &&
    shownContentIds.has(part.contentId.toLowerCase()) &&
    (part.detectedType?.startsWith('image/') ?? false) &&
    part.size < MAX_BODY_IMAGE_BYTES
  );
}
