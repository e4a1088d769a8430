import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseFile } from '../../functions/domain/case-file.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import {
  bringsSomethingNew,
  caseworkerSubmissionsView,
  coalescingRole,
  formatCaseworkerTime,
  type PendingSubmission,
} from '../../functions/domain/caseworker-notification.ts';
import { renderMessage } from '../../functions/domain/message-rendering.ts';

const checklist = checklistFor('residence-permit-extension')!;
const caseFile: CaseFile = {
  reference: 'ABH-2026-000101',
  applicantName: 'A',
  contacts: ['a@example.org'],
  language: 'de',
  caseworker: 'team@example.org',
  requestType: 'residence-permit-extension',
  status: 'open',
  checklist,
  openedAt: '2026-04-01T08:00:00Z',
};

function submission(messageId: string, overrides: Partial<PendingSubmission> = {}): PendingSubmission {
  return {
    messageId,
    receivedAt: '2026-03-29T08:02:00Z',
    matchedBy: 'reference',
    sender: 'a@example.org',
    senderAuthentication: 'von SES authentifiziert: SPF PASS, DKIM PASS, DMARC PASS',
    held: [],
    readProblems: [],
    text: '',
    next: 'SendQuery',
    ...overrides,
  };
}

describe('caseworker notification', () => {
  it('is due for a new document, a held file or a message without files; not for copies alone', () => {
    assert.equal(bringsSomethingNew({ added: 1, held: 0, next: 'SendQuery' }), true);
    assert.equal(bringsSomethingNew({ added: 0, held: 1, next: 'SendQuery' }), true);
    assert.equal(bringsSomethingNew({ added: 0, held: 0, next: 'CaseworkerOnly' }), true);
    assert.equal(bringsSomethingNew({ added: 0, held: 0, next: 'SendQuery' }), false);
    assert.equal(bringsSomethingNew({ added: 0, held: 0, next: 'ReadyForReview' }), false);
  });

  it('the first submission while none is pending leads, later ones join', () => {
    assert.equal(coalescingRole(0), 'lead');
    assert.equal(coalescingRole(1), 'join');
    assert.equal(coalescingRole(7), 'join');
  });

  it('writes times in the office’s zone, German format, across the change to summer time', () => {
    assert.equal(formatCaseworkerTime('2026-03-29T00:30:00Z', 'Europe/Berlin'), 'So., 29.03.2026, 01:30 Uhr');
    assert.equal(formatCaseworkerTime('2026-03-29T08:02:00Z', 'Europe/Berlin'), 'So., 29.03.2026, 10:02 Uhr');
  });

  it('coalesces submissions into one email: every sender, reasons in German words, dates in German', () => {
    const view = caseworkerSubmissionsView(
      caseFile,
      [],
      [
        submission('m1', { held: [{ filename: 'pass.zip', reason: 'archive' }] }),
        submission('m2', {
          sender: 'stranger@example.net',
          senderAuthentication: 'NICHT von SES authentifiziert: SPF FAIL, DKIM FAIL, DMARC FAIL',
          held: [{ filename: 'x.pdf', reason: 'type-mismatch' }],
          text: 'Hier die Unterlagen',
        }),
      ],
      'Europe/Berlin',
    );
    const { subject, text } = renderMessage('caseworker-submissions', 'de', {
      caseReference: caseFile.reference,
      requestTypeLabel: checklist.label.de,
      officeName: 'Amt',
      applicantName: 'A',
      ...view,
    });
    assert.equal(subject, `[${caseFile.reference}] Neue Unterlagen eingegangen (2 E-Mails)`);
    assert.match(text, /So\., 29\.03\.2026, 10:02 Uhr: a@example\.org \(von SES authentifiziert/);
    assert.match(text, /stranger@example\.net \(NICHT von SES authentifiziert/);
    assert.match(text, /pass\.zip: Archiv \(z\. B\. ZIP\)/);
    assert.match(text, /x\.pdf: Inhalt passt nicht zu Dateiname/);
    assert.match(text, /zugeordnet über Aktenzeichen/);
    assert.match(text, /Hier die Unterlagen/);
    assert.doesNotMatch(text, /type-mismatch|: archive|T08:02/);
  });
});
