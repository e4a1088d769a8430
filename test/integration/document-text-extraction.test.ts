import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PdfAndOcrTextExtractor } from '../../functions/adapters/document-text-extraction.ts';
import { TesseractOcr } from '../../functions/adapters/tesseract-ocr.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { recogniseContent } from '../../functions/domain/content-recognition.ts';

interface Label {
  readonly file: string;
  readonly item: string | null;
  readonly kind: string;
}

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'documents');
const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Label[];
const checklist = checklistFor('residence-permit-extension')!;
const identity = { applicantName: 'Ayşe Yılmaz', birthDate: '1990-03-14' };
const now = new Date('2026-12-02T12:00:00Z');

describe('PdfAndOcrTextExtractor on the labelled corpus', () => {
  const ocr = new TesseractOcr();
  const extractor = new PdfAndOcrTextExtractor(ocr);
  after(() => ocr.close());

  it('reads every text PDF from its text layer, without OCR, and each lands on its labelled item', async () => {
    const textPdfs = labels.filter((l) => l.kind === 'text-pdf');
    assert.ok(textPdfs.length >= 10);
    for (const label of textPdfs) {
      const text = await extractor.extract(readFileSync(join(CORPUS, label.file)), 'application/pdf');
      assert.equal(text.ocrPages, 0, label.file);
      const result = recogniseContent({ pages: text.pages, filename: label.file }, checklist, identity, now);
      assert.equal(result.item, label.item, label.file);
    }
  });

  it('reads all pages of a two-page contract, with their page numbers', async () => {
    const text = await extractor.extract(readFileSync(join(CORPUS, 'Dokument(2).pdf')), 'application/pdf');
    assert.equal(text.pages.length, 2);
    const result = recogniseContent(
      { pages: text.pages, filename: 'Dokument(2).pdf' },
      checklist,
      identity,
      now,
    );
    assert.deepEqual(result.pageMarkers, { numbers: [1, 2], total: 2 });
  });

  it('renders a scanned PDF without text layer and reads it by offline OCR', async () => {
    const text = await extractor.extract(readFileSync(join(CORPUS, 'scan0003.pdf')), 'application/pdf');
    assert.equal(text.ocrPages, 1);
    const result = recogniseContent(
      { pages: text.pages, filename: 'scan0003.pdf' },
      checklist,
      identity,
      now,
    );
    assert.deepEqual([result.item, result.method], ['payslips', 'Text: Verdienstabrechnung']);
    assert.deepEqual(result.months, ['2026-07']);
  });

  it('reads nothing from a file type it does not know, rather than guess', async () => {
    const text = await extractor.extract(Buffer.from('PK\u0003\u0004'), 'application/zip');
    assert.deepEqual(text, { pages: [], ocrPages: 0, ocrMillis: [], unreadPages: 0 });
  });
});
