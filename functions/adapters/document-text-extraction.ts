import { createCanvas, loadImage } from '@napi-rs/canvas';
import { extractText, getDocumentProxy, renderPageAsImage } from 'unpdf';
import type { ExtractedText, TextExtractor } from '../domain/ports.ts';
import type { TesseractOcr } from './tesseract-ocr.ts';

/**
 * The text of a stored file: a PDF's text layer (unpdf, Mozilla's pdf.js), page by page; pages
 * without one (scans) rendered to images (@napi-rs/canvas, its binary inside the npm package)
 * and read by OCR, as are photos and scans sent as images.
 */

/**
 * Fewer letters than this in a PDF page's text layer: it is a scan, read by OCR. Low on purpose: a
 * page with a few words of text layer is a text page (scanners' own OCR layers are read as text).
 */
const MIN_TEXT_LAYER_LETTERS = 3;

/**
 * Pages read by OCR per file: each takes seconds on a Lambda core. A longer scan gets its first
 * pages read and a note; the caseworker looks at the rest (nothing is assigned from unread pages).
 */
export const MAX_OCR_PAGES = 4;

/** Pages whose text layer is read per file: enough for any document of a checklist. */
const MAX_TEXT_PAGES = 30;

/** Rendering scale of PDF pages for OCR: 2 × 72 dpi = 144 dpi, enough for print of 9 pt and more. */
const RENDER_SCALE = 2;

/**
 * Longest side of an image given to OCR. Phone photos (4000 px) take four times as long as this
 * with no better reading of A4 print.
 */
const MAX_IMAGE_SIDE = 2400;

/** The image types Tesseract reads (what `file-type` detected, not what the sender declared). */
const OCR_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/bmp']);

const letters = (text: string): number => text.replace(/[^\p{L}]/gu, '').length;

export class PdfAndOcrTextExtractor implements TextExtractor {
  readonly #ocr: TesseractOcr;
  readonly #clock: () => number;

  constructor(ocr: TesseractOcr, clock: () => number = () => performance.now()) {
    this.#ocr = ocr;
    this.#clock = clock;
  }

  async extract(bytes: Uint8Array, detectedType: string | null): Promise<ExtractedText> {
    if (detectedType === 'application/pdf') return this.#pdf(bytes);
    if (detectedType !== null && OCR_IMAGE_TYPES.has(detectedType)) {
      const started = this.#clock();
      const text = await this.#ocr.read(await scaledForOcr(bytes));
      return { pages: [text], ocrPages: 1, ocrMillis: [this.#clock() - started], unreadPages: 0 };
    }
    return { pages: [], ocrPages: 0, ocrMillis: [], unreadPages: 0 };
  }

  async #pdf(bytes: Uint8Array): Promise<ExtractedText> {
    // pdf.js takes the buffer over (detaches it): give it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const { text } = await extractText(pdf, { mergePages: false });
      const pages: string[] = [];
      const ocrMillis: number[] = [];
      let unreadPages = 0;
      for (let index = 0; index < Math.min(text.length, MAX_TEXT_PAGES); index += 1) {
        const layer = text[index] ?? '';
        if (letters(layer) >= MIN_TEXT_LAYER_LETTERS) {
          pages.push(layer);
        } else if (ocrMillis.length < MAX_OCR_PAGES) {
          const started = this.#clock();
          const image = await renderPageAsImage(pdf, index + 1, {
            canvasImport: () => import('@napi-rs/canvas'),
            scale: RENDER_SCALE,
          });
          pages.push(await this.#ocr.read(Buffer.from(image)));
          ocrMillis.push(this.#clock() - started);
        } else {
          pages.push('');
          unreadPages += 1;
        }
      }
      unreadPages += Math.max(0, text.length - MAX_TEXT_PAGES);
      return { pages, ocrPages: ocrMillis.length, ocrMillis, unreadPages };
    } finally {
      await pdf.loadingTask.destroy();
    }
  }
}

/** The image as PNG no larger than MAX_IMAGE_SIDE (unchanged when it already fits). */
async function scaledForOcr(bytes: Uint8Array): Promise<Buffer> {
  const image = await loadImage(Buffer.from(bytes));
  const factor = Math.min(1, MAX_IMAGE_SIDE / Math.max(image.width, image.height));
  if (factor === 1) return Buffer.from(bytes);
  const canvas = createCanvas(Math.round(image.width * factor), Math.round(image.height * factor));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.encode('png');
}
