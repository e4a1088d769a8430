import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  acceptedDocument,
  carried,
  facts,
  fixture,
  parseFixture,
  parseStream,
  sha256,
} from './parse-support.ts';

const PDF = 'application/pdf';

/** The bytes of a forwarded email as embedded in its fixture: between its part header and the next boundary. */
function embedded(name: string, afterHeader: string, boundary: string): Buffer {
  const raw = fixture(name).toString('latin1');
  const start = raw.indexOf(`${afterHeader}\r\n\r\n`) + afterHeader.length + 4;
  return Buffer.from(raw.slice(start, raw.indexOf(`\r\n--${boundary}`, start)), 'latin1');
}

describe('ParseEmail with MailparserEmailParser: the applicant’s new text', () => {
  it('an Outlook reply in German loses the Von/Gesendet/An/Betreff block and the history below it', async () => {
    const result = await parseFixture('outlook-reply-with-quoted-history-de.eml');

    assert.equal(
      result.newText,
      'Sehr geehrte Damen und Herren,\n\nanbei die fehlende Gehaltsabrechnung für Februar.\n\nMit freundlichen Grüßen\nMax Mustermann',
    );
    assert.equal(result.subject, 'AW: Ihr Antrag ABH-2026-004711 – Rückfrage');
    assert.equal(result.baseSubject, 'Ihr Antrag ABH-2026-004711 – Rückfrage');
    assert.equal(result.inReplyTo, '<query-0815@abh.example.de>');
    assert.deepEqual(result.references, ['<query-0815@abh.example.de>']);
    assert.equal(result.caseReference, 'ABH-2026-004711');
    assert.equal(result.caseReferenceSource, 'subject');
    assert.deepEqual(facts(result), [
      acceptedDocument('Gehaltsabrechnung 02-2026.pdf', PDF, PDF, carried('lohnabrechnung-februar.pdf')),
    ]);
  });

  it('a Gmail reply in English loses the wrapped "On … wrote:" line and the > quotes', async () => {
    const result = await parseFixture('gmail-reply-with-quoted-history-en.eml');

    assert.equal(
      result.newText,
      'Hello,\n\nmy new address is Kölner Str. 12, 40211 Düsseldorf.\n\nBest regards\nMax',
    );
    assert.equal(result.baseSubject, 'Your application ABH-2026-004711');
    assert.deepEqual(result.references, ['<query-0815@abh.example.de>', '<query-0816@abh.example.de>']);
  });

  it('an HTML-only message yields its text, without the quoted blockquote, and its spaced-out reference', async () => {
    const result = await parseFixture('html-only-body.eml');

    assert.equal(
      result.newText,
      'Guten Tag,\nich komme am Dienstag um 10 Uhr.\nMein Aktenzeichen: ABH 2026 815',
    );
    assert.equal(result.caseReference, 'ABH-2026-000815');
    assert.equal(result.caseReferenceSource, 'body');
  });
});

describe('ParseEmail with MailparserEmailParser: forwarded emails', () => {
  it('an email forwarded as message/rfc822 is kept whole and its own PDF is extracted at depth 1', async () => {
    const result = await parseFixture('forwarded-email-with-attachment.eml');

    const whole = embedded(
      'forwarded-email-with-attachment.eml',
      'Content-Disposition: inline; filename=Arbeitgeberbescheinigung.eml',
      '--_NmP-forwarded-email-with-attachment-Part_1--',
    );
    assert.deepEqual(facts(result), [
      {
        filename: 'Arbeitgeberbescheinigung.eml',
        contentType: 'message/rfc822',
        detectedType: 'message/rfc822',
        size: whole.length,
        sha256: sha256(whole),
        accepted: false,
        reason: 'forwarded-email',
        origin: 'attachment',
        kind: 'forwarded-email',
        depth: 0,
      },
      acceptedDocument(
        'Arbeitgeberbescheinigung.pdf',
        PDF,
        PDF,
        carried('arbeitgeberbescheinigung.pdf'),
        'forwarded',
        1,
      ),
    ]);
    assert.equal(
      result.newText,
      'Guten Tag,\n\nich leite Ihnen die Mail meines Arbeitgebers weiter.\n\nMax Mustermann',
    );
    // Only the forwarded email's subject carries the reference: the forward is part of the body searched.
    assert.equal(result.caseReference, 'ABH-2026-004711');
    assert.equal(result.caseReferenceSource, 'body');
  });

  it('a forwarded email sent base64-encoded is read into just the same', async () => {
    const result = await parseFixture('forwarded-email-base64.eml');

    const encoded =
      /filename="Arbeitgeberbescheinigung\.eml"\r\nContent-Transfer-Encoding: base64\r\n\r\n([\s\S]+?)\r\n--=_fwd--/.exec(
        fixture('forwarded-email-base64.eml').toString(),
      )![1]!;
    const whole = Buffer.from(encoded, 'base64');
    assert.deepEqual(
      result.attachments.map((a) => [a.filename, a.size, a.sha256, a.reason, a.origin, a.depth]),
      [
        ['Arbeitgeberbescheinigung.eml', whole.length, sha256(whole), 'forwarded-email', 'attachment', 0],
        [
          'Passfoto.jpg',
          carried('passfoto.jpg').length,
          sha256(carried('passfoto.jpg')),
          null,
          'forwarded',
          1,
        ],
      ],
    );
  });

  it('forwards inside forwards are read to depth 3; the fourth level is kept unopened as too-deeply-nested', async () => {
    const result = await parseFixture('deeply-nested-forwards.eml');

    assert.deepEqual(
      result.attachments.map((a) => [a.filename, a.kind, a.accepted, a.reason, a.origin, a.depth]),
      [
        ['Ebene1.eml', 'forwarded-email', false, 'forwarded-email', 'attachment', 0],
        ['Ebene1.pdf', 'document', true, null, 'forwarded', 1],
        ['Ebene2.eml', 'forwarded-email', false, 'forwarded-email', 'forwarded', 1],
        ['Ebene2.pdf', 'document', true, null, 'forwarded', 2],
        ['Ebene3.eml', 'forwarded-email', false, 'forwarded-email', 'forwarded', 2],
        ['Ebene3.pdf', 'document', true, null, 'forwarded', 3],
        ['Ebene4.eml', 'forwarded-email', false, 'too-deeply-nested', 'forwarded', 3],
      ],
    );
    assert.deepEqual(
      result.attachments.filter((a) => a.kind === 'document').map((a) => a.sha256),
      ['ebene-1.pdf', 'ebene-2.pdf', 'ebene-3.pdf'].map((name) => sha256(carried(name))),
    );
    assert.equal(result.newText, 'Siehe unten.');
    assert.deepEqual(result.problems, []);
  });
});

describe('ParseEmail with MailparserEmailParser: automatic mail', () => {
  it('an out-of-office reply with Auto-Submitted: auto-replied is automatic', async () => {
    const result = await parseFixture('out-of-office-auto-submitted.eml');

    assert.equal(result.autoSubmitted, true);
    assert.equal(result.automaticReason, 'auto-submitted');
    assert.equal(result.caseReference, 'ABH-2026-004711');
  });

  it('a bounce (multipart/report from MAILER-DAEMON, null Return-Path) is a delivery report and its returned headers are kept', async () => {
    const result = await parseFixture('bounce-multipart-report.eml');

    assert.equal(result.autoSubmitted, true);
    assert.equal(result.automaticReason, 'delivery-report');
    assert.deepEqual(
      result.attachments.map((a) => [a.filename, a.contentType, a.accepted, a.reason]),
      [[null, 'text/rfc822-headers', false, 'type-not-allowed']],
    );
    assert.match(result.newText, /550 5\.1\.1 User unknown/);
  });

  it('a mailing list mail (List-Id, Precedence: list) is automatic and keeps its list tag in the subject', async () => {
    const result = await parseFixture('mailing-list.eml');

    assert.equal(result.automaticReason, 'mailing-list');
    assert.equal(result.baseSubject, '[Behoerden-Info] Neue Öffnungszeiten');
  });

  it('a message written by a person is not automatic', async () => {
    const result = await parseFixture('outlook-reply-with-quoted-history-de.eml');

    assert.equal(result.autoSubmitted, false);
    assert.equal(result.automaticReason, null);
  });
});

describe('ParseEmail with MailparserEmailParser: what the sender cannot decide', () => {
  it('forged X-SES-*, Authentication-Results and spam/virus headers change nothing in the parse', async () => {
    // Prepare: the same message without the forged headers.
    const forged = fixture('forged-ses-headers.eml').toString('latin1');
    const clean = forged
      .split('\r\n')
      .filter((line) => !/^(x-ses-|authentication-results|received-spf|x-spam-|x-virus-)/i.test(line))
      .join('\r\n');
    assert.notEqual(clean.length, forged.length);

    // Act
    const withForgery = await parseFixture('forged-ses-headers.eml');
    const without = await parseStream(Readable.from([Buffer.from(clean, 'latin1')]));

    // Assess
    assert.deepEqual(withForgery, without);
    const keys = JSON.stringify(withForgery).match(/"[^"]+":/g) ?? [];
    assert.deepEqual(
      keys.filter((key) => /spam|virus|verdict|spf|dkim|dmarc|authenticat|receipt/i.test(key)),
      [],
      'no verdict-like field in the parse output',
    );
    assert.equal(withForgery.attachments[0]!.accepted, true);
  });

  it('the case reference comes from the real recipient’s plus-address, never from the To header', async () => {
    // Prepare: the To header names ABH-2026-999999; SES delivered to a signed plus-address of another case.
    const envelope = {
      recipients: ['intake+ABH-2026-000815.9f3a@abh.example.de'],
      envelopeSender: 'other' as const,
    };

    // Act
    const delivered = await parseFixture('plus-address-recipient.eml', envelope);
    const alone = await parseFixture('plus-address-recipient.eml');

    // Assess
    assert.equal(delivered.caseReference, 'ABH-2026-000815');
    assert.equal(delivered.caseReferenceSource, 'recipient');
    assert.equal(alone.caseReference, null);
    assert.deepEqual(alone.to, ['intake+abh-2026-999999@abh.example.de']);
  });
});

describe('ParseEmail with MailparserEmailParser: references in Arabic script', () => {
  const message = (subject: string, body: string): Readable =>
    Readable.from([
      Buffer.from(
        [
          'From: Amina Haddad <amina@example.org>',
          'To: unterlagen@intake.example.org',
          `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
          'Message-ID: <arabic-digits@example.org>',
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from(body).toString('base64'),
          '',
        ].join('\r\n'),
      ),
    ]);

  it('finds a reference typed with Arabic-Indic digits in an encoded subject', async () => {
    const result = await parseStream(message('رد: ملف ABH-٢٠٢٦-٠٠٤٧١١', 'مرفق جواز السفر.'));
    assert.equal(result.caseReference, 'ABH-2026-004711');
    assert.equal(result.caseReferenceSource, 'subject');
  });

  it('finds a reference typed with Persian digits in the body', async () => {
    const result = await parseStream(message('مدارک', 'سلام، شماره پرونده من ABH ۲۰۲۶ ۴۷۱۱ است.'));
    assert.equal(result.caseReference, 'ABH-2026-004711');
    assert.equal(result.caseReferenceSource, 'body');
  });
});
