import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseDocument, CaseFile } from '../../functions/domain/case-file.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { recogniseContent, recognitionByName } from '../../functions/domain/content-recognition.ts';
import { composeAcknowledgement } from '../../functions/domain/submission-acknowledgement.ts';
import { passportPage, textOf, AYSE } from '../helpers/document-texts.ts';

const checklist = checklistFor('residence-permit-extension')!;
const caseFile: CaseFile = {
  reference: 'ABH-2026-000101',
  applicantName: 'Ayşe Yılmaz',
  contacts: ['ayse.yilmaz@example.org'],
  language: 'de',
  caseworker: 'team@abh.example.org',
  requestType: checklist.requestType,
  status: 'open',
  checklist,
  openedAt: '2026-11-01T10:00:00Z',
};

function document(sha256: string, filename: string, recognition: CaseDocument['recognition']): CaseDocument {
  return {
    sha256,
    filename,
    detectedType: 'image/jpeg',
    size: 1,
    checklistItem: recognition?.item ?? null,
    assignedBy: recognition?.item ? 'recognition' : null,
    messageId: 'm',
    receivedAt: '2026-12-01T10:00:00Z',
    location: { bucket: 'b', key: `documents/${sha256}` },
    recognition,
  };
}

interface AcknowledgementView {
  readonly missing: { label: string }[];
  readonly waiting: { filename: string }[];
}

/** The acknowledgement of the submission that brought these documents (message id `m`). */
function acknowledgementOf(documents: CaseDocument[]): {
  missing: readonly string[];
  view: AcknowledgementView;
} {
  const acknowledgement = composeAcknowledgement(caseFile, documents, { messageId: 'm', files: [] })!;
  return {
    missing: acknowledgement.missing,
    view: acknowledgement.view('de') as unknown as AcknowledgementView,
  };
}

describe('the acknowledgement while files wait for recognition or a caseworker', () => {
  it('does not ask for the passport while another person’s passport waits for the caseworker, and lists the file', async () => {
    const recognition = recogniseContent(
      {
        pages: textOf(passportPage({ ...AYSE, surname: 'Kaya', givenNames: 'Elif' })),
        filename: 'IMG_1.jpg',
      },
      checklist,
      caseFile,
      new Date('2026-12-02T12:00:00Z'),
    );
    const { view } = acknowledgementOf([document('a', 'IMG_1.jpg', { ...recognition, status: 'done' })]);
    const labels = view.missing.map((m) => m.label);
    assert.ok(!labels.some((l) => l.startsWith('Gültiger Reisepass')), labels.join());
    assert.ok(labels.some((l) => l.startsWith('Biometrisches Passfoto')));
    assert.deepEqual(view.waiting, [{ filename: 'IMG_1.jpg' }]);
  });

  it('asks for nothing while a file has not been read (it may be anything), and lists it', async () => {
    const pending = {
      ...recognitionByName('IMG_20261128_142233.jpg', checklist),
      status: 'pending' as const,
    };
    const { missing, view } = acknowledgementOf([document('b', 'IMG_20261128_142233.jpg', pending)]);
    assert.deepEqual([missing, view.missing], [[], []]);
    assert.deepEqual(view.waiting, [{ filename: 'IMG_20261128_142233.jpg' }]);
  });
});
