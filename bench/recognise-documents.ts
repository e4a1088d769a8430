/**
 * Recognition benchmark: every document of the labelled corpus (test/fixtures/documents/) read as
 * the RecognizeDocuments step reads it (text layer or offline OCR) and recognised against the
 * residence-permit-extension checklist. Reports accuracy on the right item (target ≥ 95 %),
 * distractors assigned (target 0) and OCR time per page (p50/p95).
 *
 *   npm run bench        (after the parsing benchmark)
 *   node bench/recognise-documents.ts [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { PdfAndOcrTextExtractor } from '../functions/adapters/document-text-extraction.ts';
import { TesseractOcr } from '../functions/adapters/tesseract-ocr.ts';
import { checklistFor } from '../functions/domain/checklist.ts';
import { needsConfirmation, recogniseContent } from '../functions/domain/content-recognition.ts';
import { reportFigures } from './figures.ts';
import { percentile } from './statistics.ts';

interface Label {
  readonly file: string;
  readonly item: string | null;
  readonly kind: string;
  readonly what: string;
}

const CORPUS = join(import.meta.dirname, '..', 'test', 'fixtures', 'documents');
const labels = JSON.parse(readFileSync(join(CORPUS, 'labels.json'), 'utf8')) as Label[];
const checklist = checklistFor('residence-permit-extension')!;
const identity = { applicantName: 'Ayşe Yılmaz', birthDate: '1990-03-14' };
const now = new Date('2026-12-02T12:00:00Z');

const ocr = new TesseractOcr();
const extractor = new PdfAndOcrTextExtractor(ocr);
const rows: {
  file: string;
  expected: string | null;
  got: string | null;
  method: string | null;
  confidence: number;
  confirm: boolean;
}[] = [];
const ocrMillis: number[] = [];
try {
  for (const label of labels) {
    const bytes = readFileSync(join(CORPUS, label.file));
    const type = (await fileTypeFromBuffer(bytes))?.mime ?? null;
    const text = await extractor.extract(bytes, type);
    ocrMillis.push(...text.ocrMillis);
    const result = recogniseContent({ pages: text.pages, filename: label.file }, checklist, identity, now);
    rows.push({
      file: label.file,
      expected: label.item,
      got: result.item,
      method: result.method,
      confidence: result.confidence,
      confirm: needsConfirmation(result),
    });
  }
} finally {
  await ocr.close();
}

const documents = rows.filter((r) => r.expected !== null);
const distractors = rows.filter((r) => r.expected === null);
const right = documents.filter((r) => r.got === r.expected).length;
const assignedDistractors = distractors.filter((r) => r.got !== null).length;
const summary = {
  documents: documents.length,
  rightItem: right,
  accuracyPercent: Math.round((right / documents.length) * 1000) / 10,
  toConfirm: rows.filter((r) => r.confirm).length,
  distractors: distractors.length,
  distractorsAssigned: assignedDistractors,
  ocrPages: ocrMillis.length,
  ocrMsPerPageP50: Math.round(percentile(ocrMillis, 50)),
  ocrMsPerPageP95: Math.round(percentile(ocrMillis, 95)),
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ summary, rows }, null, 2));
} else {
  console.log('Recognition on the labelled corpus (residence-permit-extension checklist):');
  for (const r of rows) {
    const mark = r.got === r.expected ? 'ok ' : 'XX ';
    console.log(
      `  ${mark}${r.file.padEnd(44)} ${String(r.got).padEnd(26)} ${String(r.method).padEnd(40)} ${r.confidence.toFixed(2)}${r.confirm ? ' zu bestätigen' : ''}`,
    );
  }
  console.log(
    `Right item: ${right}/${documents.length} (${summary.accuracyPercent} %, target ≥ 95 %); distractors assigned: ${assignedDistractors}/${distractors.length} (target 0)`,
  );
  console.log(
    `OCR: ${summary.ocrPages} pages, ${summary.ocrMsPerPageP50} ms per page p50, ${summary.ocrMsPerPageP95} ms p95 (rendering included)`,
  );
}
const PART = 'Content recognition';
reportFigures([
  {
    part: PART,
    figure: 'labelled corpus: right checklist item',
    value: `${right}/${documents.length} (${summary.accuracyPercent} %)`,
    baseline: '–',
    ratio: '–',
    target: '≥ 95 %',
    met: summary.accuracyPercent >= 95,
  },
  {
    part: PART,
    figure: 'distractors assigned an item',
    value: `${assignedDistractors}/${distractors.length}`,
    baseline: '–',
    ratio: '–',
    target: '0',
    met: assignedDistractors === 0,
  },
  {
    part: PART,
    figure: 'OCR per page, p50 / p95 (rendering included)',
    value: `${summary.ocrMsPerPageP50} / ${summary.ocrMsPerPageP95} ms`,
    baseline: '–',
    ratio: '–',
    target: 'reported',
  },
]);
if (summary.accuracyPercent < 95 || assignedDistractors > 0) process.exitCode = 1;
