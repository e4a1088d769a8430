import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedDocument, carried, facts, fixture, parseFixture, sha256 } from './parse-support.ts';

const PDF = 'application/pdf';

describe('ParseEmail with MailparserEmailParser: attachment names', () => {
  it('a filename in RFC 2231 with a Turkish charset (mutt, iso-8859-9) is decoded', async () => {
    // Prepare / Act
    const result = await parseFixture('rfc2231-turkish-filename.eml');

    // Assess
    assert.deepEqual(facts(result), [
      acceptedDocument('Şubat_Maaş_Bordrosu.pdf', PDF, PDF, carried('lohnabrechnung-februar.pdf')),
    ]);
    assert.equal(result.subject, 'Şubat maaş bordrosu');
    assert.equal(result.from, 'ayse.yilmaz@example.com.tr');
    assert.equal(result.caseReference, 'ABH-2026-004711');
    assert.equal(result.caseReferenceSource, 'body');
    assert.deepEqual(result.problems, []);
  });

  it('a filename as RFC 2047 encoded words inside a quoted parameter (Outlook, Gmail) is decoded', async () => {
    const result = await parseFixture('rfc2047-encoded-filename.eml');

    assert.deepEqual(facts(result), [
      acceptedDocument('Aufenthaltstitel Rückseite.pdf', PDF, PDF, carried('reisepass.pdf')),
    ]);
    assert.equal(result.subject, 'Aufenthaltstitel Rückseite');
  });

  it('a long UTF-8 filename in RFC 2231 continuations (nodemailer) is joined and decoded', async () => {
    const result = await parseFixture('rfc2231-long-utf8-filename.eml');

    assert.deepEqual(facts(result), [
      acceptedDocument(
        'Aufenthaltstitel Rückseite – Überprüfung der Unterlagen für die Verlängerung (Kopie).pdf',
        PDF,
        PDF,
        carried('reisepass.pdf'),
      ),
    ]);
  });
});

describe('ParseEmail with MailparserEmailParser: what phones and scanners send', () => {
  it('an iPhone HEIC photo sent inline with a name is an accepted document, and the text around it is the body', async () => {
    const result = await parseFixture('iphone-heic-photo.eml');

    assert.deepEqual(facts(result), [
      acceptedDocument('IMG_0042.HEIC', 'image/heic', 'image/heic', carried('img-0042.heic')),
    ]);
    assert.equal(
      result.newText,
      'Hier das Foto von meinem Reisepass, Aktenzeichen ABH-2026-004711.\n\nGesendet von meinem iPhone',
    );
    assert.equal(result.caseReference, 'ABH-2026-004711');
  });

  it('a TIFF scan, a PNG declared as octet-stream and a .txt note are accepted by their bytes', async () => {
    const result = await parseFixture('scanner-tiff-png-txt.eml');

    assert.deepEqual(facts(result), [
      acceptedDocument('Scan_0001.tif', 'image/tiff', 'image/tiff', carried('scan.tiff')),
      acceptedDocument('Seite2.png', 'application/octet-stream', 'image/png', carried('logo.png')),
      acceptedDocument('Notiz.txt', 'text/plain', 'text/plain', carried('notiz.txt')),
    ]);
  });

  it('an image the HTML body shows by Content-ID (a signature logo) is kept but is no document; the real attachment is', async () => {
    const result = await parseFixture('inline-image-multipart-related.eml');

    // The logo the HTML body shows (cid:) is kept with the email but is no document.
    assert.deepEqual(facts(result), [
      {
        ...acceptedDocument('logo.png', 'image/png', 'image/png', carried('logo.png'), 'inline'),
        accepted: false,
        reason: 'inline-image',
        kind: 'inline-image',
      },
      acceptedDocument('Passfoto.jpg', 'image/jpeg', 'image/jpeg', carried('passfoto.jpg')),
    ]);
    assert.equal(result.newText, 'Anbei mein Passfoto.\n\nMax Mustermann');
  });

  it('a text part with a filename is a file the applicant sent: a note is accepted, an HTML page is held', async () => {
    const result = await parseFixture('text-part-with-filename.eml');

    const note = carried('notiz.txt').toString().replaceAll('\n', '\r\n');
    assert.deepEqual(facts(result), [
      acceptedDocument('Notiz.txt', 'text/plain', 'text/plain', Buffer.from(note)),
      {
        filename: 'Brief.html',
        contentType: 'text/html',
        detectedType: 'text/html',
        size: 58,
        sha256: sha256('<html><body><script>alert(1)</script>Brief</body></html>\r\n'),
        accepted: false,
        reason: 'active-content',
        origin: 'attachment',
        kind: 'document',
        depth: 0,
      },
    ]);
    assert.equal(result.newText, 'Siehe Notiz.', 'the files are not folded into the body');
  });
});

describe('ParseEmail with MailparserEmailParser: held files', () => {
  const held = (
    filename: string,
    contentType: string,
    detectedType: string | null,
    bytes: Buffer,
    reason: string,
  ) => ({
    filename,
    contentType,
    detectedType,
    size: bytes.length,
    sha256: sha256(bytes),
    accepted: false,
    reason,
    origin: 'attachment',
    kind: 'document',
    depth: 0,
  });

  it('an executable named and declared as a PDF is held as executable', async () => {
    const result = await parseFixture('executable-disguised-as-pdf.eml');

    assert.deepEqual(facts(result), [
      held('Reisepass.pdf', PDF, 'application/x-msdownload', carried('setup.exe'), 'executable'),
    ]);
  });

  it('a password-protected zip (zip -P) is held as encrypted', async () => {
    const result = await parseFixture('encrypted-zip.eml');

    assert.deepEqual(facts(result), [
      held(
        'Unterlagen.zip',
        'application/zip',
        'application/zip',
        carried('unterlagen-verschluesselt.zip'),
        'encrypted',
      ),
    ]);
  });

  it('a password-protected PDF (qpdf --encrypt) is held as encrypted', async () => {
    const result = await parseFixture('password-protected-pdf.eml');

    assert.deepEqual(facts(result), [
      held('Kontoauszug.pdf', PDF, PDF, carried('kontoauszug-geschuetzt.pdf'), 'encrypted'),
    ]);
  });

  it('a macro-enabled Word file named and declared as .docx is held as macro-enabled, by its bytes', async () => {
    const result = await parseFixture('docm-macro.eml');

    assert.deepEqual(facts(result), [
      held(
        'Arbeitsvertrag.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.ms-word.document.macroenabled.12',
        carried('arbeitsvertrag.docm'),
        'macro-enabled',
      ),
    ]);
  });

  it('an empty attachment is kept and held as empty', async () => {
    const result = await parseFixture('empty-attachment.eml');

    assert.deepEqual(facts(result), [held('Mietvertrag.pdf', PDF, null, Buffer.alloc(0), 'empty')]);
  });

  it('a PDF declared as a JPEG is held as a type mismatch; a PDF under octet-stream is accepted by its bytes', async () => {
    const result = await parseFixture('mime-type-mismatch.eml');

    assert.deepEqual(facts(result), [
      held('Lohnabrechnung.jpg', 'image/jpeg', PDF, carried('lohnabrechnung-februar.pdf'), 'type-mismatch'),
      acceptedDocument(
        'Meldebescheinigung.pdf',
        'application/octet-stream',
        PDF,
        carried('meldebescheinigung.pdf'),
      ),
    ]);
  });

  it('a winmail.dat (application/ms-tnef) is held as winmail-dat', async () => {
    const result = await parseFixture('winmail-dat.eml');

    assert.deepEqual(facts(result), [
      held(
        'winmail.dat',
        'application/ms-tnef',
        'application/vnd.ms-tnef',
        carried('winmail.dat'),
        'winmail-dat',
      ),
    ]);
  });
});

describe('ParseEmail with MailparserEmailParser: signatures and calendar data', () => {
  it('an S/MIME signed message (openssl smime) yields its PDF as a document and smime.p7s recorded as a signature', async () => {
    const result = await parseFixture('signed-smime-p7s.eml');

    const p7s = /filename="smime\.p7s"\r\n\r\n([A-Za-z0-9+/=\r\n]+)\r\n\r\n--/.exec(
      fixture('signed-smime-p7s.eml').toString(),
    )![1]!;
    assert.deepEqual(facts(result), [
      acceptedDocument('Reisepass.pdf', PDF, PDF, carried('reisepass.pdf')),
      {
        filename: 'smime.p7s',
        contentType: 'application/x-pkcs7-signature',
        detectedType: null,
        size: Buffer.from(p7s, 'base64').length,
        sha256: sha256(Buffer.from(p7s, 'base64')),
        accepted: false,
        reason: 'signature',
        origin: 'attachment',
        kind: 'signature',
        depth: 0,
      },
    ]);
    assert.equal(result.newText, 'Anbei der Reisepass.');
  });

  it('a PGP/MIME signed message (gpg) records signature.asc as a signature, not a document', async () => {
    const result = await parseFixture('pgp-signature-asc.eml');

    assert.deepEqual(
      result.attachments.map((a) => [a.filename, a.detectedType, a.accepted, a.reason, a.kind]),
      [
        ['Reisepass.pdf', PDF, true, null, 'document'],
        ['signature.asc', 'application/pgp-signature', false, 'signature', 'signature'],
      ],
    );
    assert.equal(result.caseReference, 'ABH-2026-004711');
  });

  it('a calendar reply (text/calendar alternative and invite.ics) is recorded as calendar data, twice the same bytes', async () => {
    const result = await parseFixture('calendar-invite.eml');

    assert.deepEqual(
      result.attachments.map((a) => [
        a.filename,
        a.contentType,
        a.detectedType,
        a.accepted,
        a.reason,
        a.kind,
      ]),
      [
        [null, 'text/calendar', 'text/calendar', false, 'calendar', 'calendar'],
        ['invite.ics', 'application/ics', 'text/calendar', false, 'calendar', 'calendar'],
      ],
    );
    assert.equal(result.attachments[0]!.sha256, result.attachments[1]!.sha256);
    assert.equal(result.newText, 'Max Mustermann hat den Termin angenommen.');
    assert.equal(result.baseSubject, 'Zugesagt: Termin Service Point ABH-2026-004711');
  });
});
