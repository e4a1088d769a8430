import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseDocument, CaseFile } from '../../functions/domain/case-file.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { renderMessage } from '../../functions/domain/message-rendering.ts';
import {
  APPLICANT_HOLD_REASONS,
  applicantHoldReason,
  composeAcknowledgement,
} from '../../functions/domain/submission-acknowledgement.ts';

const checklist = checklistFor('residence-permit-extension')!;
const caseFile: CaseFile = {
  reference: 'ABH-2026-000101',
  applicantName: 'Ayşe Yılmaz',
  contacts: ['ayse@example.org'],
  language: 'en',
  caseworker: 'team@example.org',
  requestType: 'residence-permit-extension',
  status: 'open',
  checklist,
  openedAt: '2026-04-01T08:00:00Z',
};

function document(
  sha: string,
  item: string | null,
  messageId: string,
  filename = `${sha}.pdf`,
): CaseDocument {
  return {
    sha256: sha.padEnd(64, '0'),
    filename,
    detectedType: 'application/pdf',
    size: 1000,
    checklistItem: item,
    assignedBy: item === null ? null : 'recognition',
    messageId,
    receivedAt: '2026-04-02T08:00:00Z',
    location: { bucket: 'b', key: `documents/${sha}` },
  };
}

const required = checklist.items.filter((i) => i.required).map((i) => i.id);

describe('composeAcknowledgement', () => {
  it('tells what arrived with its checklist item, what was not accepted in plain words, and what is missing', () => {
    const documents = [document('a', 'passport', 'mail-1', 'Reisepass.pdf')];
    const ack = composeAcknowledgement(caseFile, documents, {
      messageId: 'mail-1',
      files: [
        { sha256: 'a'.padEnd(64, '0'), filename: 'Reisepass.pdf', accepted: true, reason: null },
        { sha256: 'b'.padEnd(64, '0'), filename: 'Lohn.zip', accepted: false, reason: 'archive' },
        { sha256: 'c'.padEnd(64, '0'), filename: 'logo.png', accepted: false, reason: 'inline-image' },
      ],
    });
    assert.ok(ack !== null);
    assert.equal(ack.kind, 'submission-received');
    assert.deepEqual(ack.missing, required.slice(1));
    const rendered = renderMessage(ack.kind, 'en', (language) => ({
      caseReference: caseFile.reference,
      applicantName: caseFile.applicantName,
      officeName: 'Amt',
      requestTypeLabel: checklist.label[language],
      ...ack.view(language),
    }));
    assert.match(rendered.text, /- Reisepass\.pdf: Gültiger Reisepass/);
    assert.match(rendered.text, /- Reisepass\.pdf: Valid passport/);
    assert.match(rendered.text, /Lohn\.zip: Die Datei ist ein gepacktes Archiv/);
    assert.match(rendered.text, /Lohn\.zip: The file is a packed archive/);
    assert.doesNotMatch(rendered.text, /logo\.png|: archive|inline-image/);
    assert.match(rendered.text, /Es fehlen noch folgende \d+ Unterlagen:\n\n- Aktueller Aufenthaltstitel/);
    assert.match(rendered.html, /<li><bdi>Lohn\.zip<\/bdi>: <bdi>The file is a packed archive/);
  });

  it('says the file is complete when this submission brought the last missing item', () => {
    // Three of each: an item such as "payslips of the last three months" needs three (recognition.ts).
    const before = required
      .slice(0, -1)
      .flatMap((id, n) => ['a', 'b', 'c'].map((copy) => document(`d${n}${copy}`, id, 'earlier')));
    const last = document('z', required.at(-1)!, 'mail-2');
    const ack = composeAcknowledgement(caseFile, [...before, last], {
      messageId: 'mail-2',
      files: [{ sha256: last.sha256, filename: last.filename, accepted: true, reason: null }],
    });
    assert.equal(ack?.kind, 'file-complete');
    assert.deepEqual(ack?.missing, []);
    const rendered = renderMessage('file-complete', 'de', {
      caseReference: caseFile.reference,
      applicantName: 'A',
      officeName: 'Amt',
      requestTypeLabel: 'X',
      ...ack!.view('de'),
    });
    assert.match(rendered.text, /vollständig/);
    assert.match(rendered.text, /Wie es weitergeht: Ihre Sachbearbeitung prüft jetzt Ihren Antrag/);
  });

  it('answers nothing when the email brought only copies of what the case has', () => {
    const documents = [document('a', 'passport', 'mail-1')];
    const ack = composeAcknowledgement(caseFile, documents, {
      messageId: 'mail-2',
      files: [{ sha256: documents[0]!.sha256, filename: 'again.pdf', accepted: true, reason: null }],
    });
    assert.equal(ack, null);
  });

  it('acknowledges a submission of only files it could not accept', () => {
    const ack = composeAcknowledgement(caseFile, [], {
      messageId: 'mail-3',
      files: [{ sha256: 'e'.padEnd(64, '0'), filename: 'setup.exe', accepted: false, reason: 'executable' }],
    });
    assert.equal(ack?.kind, 'submission-received');
    assert.deepEqual(ack?.view('en').notAccepted, [
      { filename: 'setup.exe', reason: 'The file is a program, not a document. We do not accept programs.' },
    ]);
  });
});

describe('applicantHoldReason', () => {
  it('has a plain sentence for every reason in every language, never the code', () => {
    for (const [code, texts] of Object.entries(APPLICANT_HOLD_REASONS)) {
      for (const text of Object.values(texts)) {
        assert.ok(text.length > 20 && text.endsWith('.'), `${code}: ${text}`);
        // A code is hyphenated or a bare English word; a sentence never consists of it alone.
        if (code.includes('-')) assert.ok(!text.includes(code), `${code} appears in its own sentence`);
      }
    }
  });

  it('reads an unknown or missing reason as a sentence too', () => {
    assert.match(applicantHoldReason('something-new', 'de'), /konnte nicht angenommen werden/);
    assert.match(applicantHoldReason(null, 'en'), /could not be accepted/);
  });
});
