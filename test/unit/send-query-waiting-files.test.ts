import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseDocument, CaseFile } from '../../functions/domain/case-file.ts';
import type { CaseRepository } from '../../functions/domain/case-repository.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { recogniseContent, recognitionByName } from '../../functions/domain/content-recognition.ts';
import type { CaseMailer } from '../../functions/use-cases/case-mailer.ts';
import { SendMissingDocumentsQuery } from '../../functions/use-cases/send-query.ts';
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

interface QueryView {
  readonly missing: { label: string }[];
  readonly waiting: { filename: string }[];
}

/** Sends the query against plain objects and returns what it listed (null: nothing sent). */
async function queryFor(
  documents: CaseDocument[],
): Promise<{ outcome: { sent: boolean }; view: QueryView | null }> {
  const rendered: QueryView[] = [];
  const cases = { get: async () => caseFile, documents: async () => documents } as unknown as CaseRepository;
  const mailer = {
    async toApplicant(_case: unknown, _kind: unknown, render: (language: 'de') => QueryView) {
      rendered.push(render('de'));
      return { sent: true, sesMessageId: 's', ownMessageId: 'o', to: caseFile.contacts };
    },
  } as unknown as CaseMailer;
  const rateLimiter = { reserve: async () => true, confirm: async () => {}, release: async () => {} };
  const query = new SendMissingDocumentsQuery({ cases, mailer, rateLimiter, periodSeconds: 86400 });
  const outcome = await query.run(caseFile.reference, 'trigger', new Date('2026-12-02T12:00:00Z'));
  return { outcome, view: rendered[0] ?? null };
}

describe('SendMissingDocumentsQuery while files wait', () => {
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
    const { view } = await queryFor([document('a', 'IMG_1.jpg', { ...recognition, status: 'done' })]);
    const labels = view!.missing.map((m) => m.label);
    assert.ok(!labels.some((l) => l.startsWith('Gültiger Reisepass')), labels.join());
    assert.ok(labels.some((l) => l.startsWith('Biometrisches Passfoto')));
    assert.deepEqual(view!.waiting, [{ filename: 'IMG_1.jpg' }]);
  });

  it('sends no query while a file has not been read: it may be anything', async () => {
    const pending = {
      ...recognitionByName('IMG_20261128_142233.jpg', checklist),
      status: 'pending' as const,
    };
    const { outcome, view } = await queryFor([document('b', 'IMG_20261128_142233.jpg', pending)]);
    assert.deepEqual([outcome.sent, view], [false, null]);
  });
});
