import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { contentDisposition, fileHeaders } from '../../functions/console/document-handout.ts';
import { html, multiline } from '../../functions/console/html.ts';
import { csrfMatches, openSession, sealSession, type Session } from '../../functions/console/session.ts';
import type { CaseActivity, CaseActivityLog } from '../../functions/domain/case-activity.ts';
import type { CaseRepository } from '../../functions/domain/case-repository.ts';
import type { CaseLogEntry } from '../../functions/domain/case-log.ts';
import type { CaseDocument } from '../../functions/domain/case-file.ts';
import { HandOutDocument } from '../../functions/use-cases/hand-out-document.ts';

const now = new Date('2026-12-02T10:00:00Z');
const session: Session = {
  caseworker: 'm.keller@example.org',
  csrf: 'token-123',
  expires: now.getTime() / 1000 + 60,
};

describe('console session cookie', () => {
  it('reads back what was sealed, with the same key only', () => {
    const key = randomBytes(32);
    const sealed = sealSession(session, key);
    assert.deepEqual(openSession(sealed, key, now), session);
    assert.equal(openSession(sealed, randomBytes(32), now), null);
    assert.doesNotMatch(Buffer.from(sealed, 'base64url').toString('latin1'), /keller/);
  });

  it('refuses a changed cookie and an expired session', () => {
    const key = randomBytes(32);
    const sealed = sealSession(session, key);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    assert.equal(openSession(bytes.toString('base64url'), key, now), null);
    assert.equal(openSession(sealed, key, new Date(now.getTime() + 61_000)), null);
    assert.equal(openSession('garbage', key, now), null);
  });

  it('accepts only the session’s own CSRF token', () => {
    assert.equal(csrfMatches(session, 'token-123'), true);
    assert.equal(csrfMatches(session, 'token-124'), false);
    assert.equal(csrfMatches(session, undefined), false);
    assert.equal(csrfMatches(session, ['token-123']), false);
  });
});

describe('what a page shows of a sender’s values', () => {
  it('escapes markup and shows bidi overrides and controls instead of obeying them', () => {
    const name = 'Reisepass\u202Efdp.exe<script>';
    assert.equal(html`<b>${name}</b>`.value, '<b>Reisepass⟨U+202E⟩fdp.exe&lt;script&gt;</b>');
    assert.equal(
      html`<a title="${'"x" onmouseover=1'}"></a>`.value,
      '<a title="&quot;x&quot; onmouseover=1"></a>',
    );
    assert.equal(multiline('Zeile 1\r\nZeile 2\u0007').value, 'Zeile 1\nZeile 2⟨U+0007⟩');
  });

  it('names a download after the sender’s file (RFC 6266/5987), never with a bidi override or a path', () => {
    assert.equal(
      contentDisposition('attachment', 'Mietvertrag Müller.pdf'),
      `attachment; filename="Mietvertrag M_ller.pdf"; filename*=UTF-8''Mietvertrag%20M%C3%BCller.pdf`,
    );
    const tricky = contentDisposition('attachment', '..\\Reisepass\u202Efdp.exe');
    assert.doesNotMatch(tricky, /\u202E|\\/);
    assert.match(tricky, /%E2%9F%A8U%2B202E%E2%9F%A9/);
    assert.equal(
      contentDisposition('inline', null),
      `inline; filename="Dokument"; filename*=UTF-8''Dokument`,
    );
    assert.match(contentDisposition('attachment', 'a"b%c.pdf'), /filename="a_b_c\.pdf"/);
  });

  it('lets only a PDF run the browser’s viewer; anything else is sandboxed and never sniffed', () => {
    const location = { bucket: 'b', key: 'k' };
    const pdf = fileHeaders({
      location,
      filename: 'a.pdf',
      contentType: 'application/pdf',
      disposition: 'inline',
    });
    assert.equal(pdf['Content-Security-Policy'], undefined);
    const other = fileHeaders({
      location,
      filename: 'a.png',
      contentType: 'image/png',
      disposition: 'inline',
    });
    assert.match(other['Content-Security-Policy']!, /sandbox/);
    assert.equal(other['X-Content-Type-Options'], 'nosniff');
  });
});

describe('HandOutDocument', () => {
  const document: CaseDocument = {
    sha256: 'a'.repeat(64),
    filename: 'Pass.pdf',
    detectedType: 'application/pdf',
    size: 10,
    checklistItem: 'passport',
    assignedBy: 'recognition',
    messageId: 'm1',
    receivedAt: '2026-12-01T09:00:00Z',
    location: { bucket: 'docs', key: `documents/${'a'.repeat(64)}` },
  };
  const log: CaseLogEntry[] = [
    {
      direction: 'in',
      at: '2026-12-01T09:00:00Z',
      messageId: 'm2',
      from: 'x@example.org',
      to: [],
      subject: null,
      documents: [],
      note: '',
      held: [
        {
          filename: 'tool.exe',
          reason: 'executable',
          sha256: 'b'.repeat(64),
          location: { bucket: 'docs', key: 'quarantine/b' },
        },
        {
          filename: 'virus.txt',
          reason: 'malware',
          sha256: 'c'.repeat(64),
          location: { bucket: 'docs', key: 'quarantine/c' },
        },
        { filename: 'old.doc', reason: 'macro-enabled' },
      ],
    },
  ];
  const cases = {
    get: async (reference: string) => (reference === 'ABH-1' ? ({ reference } as never) : null),
    documents: async () => [document],
    log: async () => log,
  } as unknown as CaseRepository;
  const recorded: CaseActivity[] = [];
  const activity: CaseActivityLog = {
    record: async (_r, a) => void recorded.push(a),
    list: async () => recorded,
  };
  const handOut = new HandOutDocument({ cases, activity, now: () => now });

  it('hands out a document and records the view with the caseworker', async () => {
    const file = await handOut.run('ABH-1', 'a'.repeat(64), 'm.keller@example.org', {
      warningConfirmed: false,
    });
    assert.equal(file?.location.key, `documents/${'a'.repeat(64)}`);
    assert.deepEqual(recorded.at(-1), {
      at: now.toISOString(),
      caseworker: 'm.keller@example.org',
      kind: 'document-viewed',
      subject: 'a'.repeat(64),
      detail: null,
    });
  });

  it('a quarantined file only after the confirmed warning; a malware finding never; nothing else of the bucket', async () => {
    const count = recorded.length;
    assert.equal((await handOut.decide('ABH-1', 'b'.repeat(64))).outcome, 'warn-first');
    assert.equal(
      await handOut.run('ABH-1', 'b'.repeat(64), 'm@example.org', { warningConfirmed: false }),
      null,
    );
    assert.equal(recorded.length, count);
    assert.equal(
      (await handOut.run('ABH-1', 'b'.repeat(64), 'm@example.org', { warningConfirmed: true }))?.quarantined,
      true,
    );
    assert.equal(recorded.at(-1)?.kind, 'quarantined-file-downloaded');
    assert.equal((await handOut.decide('ABH-1', 'c'.repeat(64))).outcome, 'refused');
    assert.equal(
      await handOut.run('ABH-1', 'c'.repeat(64), 'm@example.org', { warningConfirmed: true }),
      null,
    );
    assert.equal((await handOut.decide('ABH-1', 'd'.repeat(64))).outcome, 'not-found');
    assert.equal((await handOut.decide('ABH-2', 'a'.repeat(64))).outcome, 'not-found');
  });
});
