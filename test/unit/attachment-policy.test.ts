import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assessAttachment,
  isForwardedEmail,
  MAX_ATTACHMENT_BYTES,
  MAX_FORWARD_DEPTH,
  type AttachmentFacts,
} from '../../functions/domain/attachment-policy.ts';

const pdf: AttachmentFacts = {
  filename: 'Reisepass.pdf',
  declaredType: 'application/pdf',
  detectedType: 'application/pdf',
  size: 120_000,
  depth: 0,
  encrypted: false,
};

function verdict(changes: Partial<AttachmentFacts>): [boolean, string | null, string] {
  const { accepted, reason, kind } = assessAttachment({ ...pdf, ...changes });
  return [accepted, reason, kind];
}

describe('assessAttachment', () => {
  describe('accepts what a caseworker can open safely, by its bytes', () => {
    const accepted: [string, Partial<AttachmentFacts>][] = [
      ['a PDF', {}],
      [
        'a JPEG declared as image/jpg',
        { filename: 'foto.JPG', declaredType: 'image/jpg', detectedType: 'image/jpeg' },
      ],
      [
        'an iPhone HEIC declared as image/heif',
        { filename: 'IMG_1.HEIC', declaredType: 'image/heif', detectedType: 'image/heic' },
      ],
      ['a PNG', { filename: 'scan.png', declaredType: 'image/png', detectedType: 'image/png' }],
      [
        'a TIFF from a scanner',
        { filename: 'scan.tif', declaredType: 'image/tiff', detectedType: 'image/tiff' },
      ],
      [
        'a plain-text note',
        { filename: 'notiz.txt', declaredType: 'text/plain', detectedType: 'text/plain' },
      ],
      [
        'a Word document',
        {
          filename: 'Vertrag.docx',
          declaredType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          detectedType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
      ],
      ['a PDF declared as octet-stream', { declaredType: 'application/octet-stream' }],
      ['a PDF with no name', { filename: null }],
      ['a PDF whose name has an extension no viewer knows', { filename: 'Reisepass.seite1' }],
      ['a PDF inside a forwarded email at the depth limit', { depth: MAX_FORWARD_DEPTH }],
      ['a PDF of exactly the size limit', { size: MAX_ATTACHMENT_BYTES }],
    ];
    for (const [what, changes] of accepted) {
      it(`accepts ${what}`, () => {
        assert.deepEqual(verdict(changes), [true, null, 'document']);
      });
    }
  });

  describe('holds what a person must look at, with the reason', () => {
    const held: [string, Partial<AttachmentFacts>, string][] = [
      ['an empty file', { size: 0, detectedType: null }, 'empty'],
      ['a file over the size limit', { size: MAX_ATTACHMENT_BYTES + 1 }, 'too-large'],
      ['a file deeper than the forward limit', { depth: MAX_FORWARD_DEPTH + 1 }, 'too-deeply-nested'],
      ['a malware finding', { malwareFound: true }, 'malware'],
      ['Windows executable bytes named .pdf', { detectedType: 'application/x-msdownload' }, 'executable'],
      ['a script by its name', { filename: 'Antrag.pdf.js', detectedType: 'text/plain' }, 'executable'],
      ['a shortcut by its name', { filename: 'Reisepass.lnk', detectedType: null }, 'executable'],
      ['a disk image by its name', { filename: 'Unterlagen.iso', detectedType: null }, 'executable'],
      [
        'an executable declared type',
        { filename: 'x', declaredType: 'application/x-msdownload', detectedType: null },
        'executable',
      ],
      ['a .docm by its name', { filename: 'Vertrag.docm', detectedType: 'application/zip' }, 'macro-enabled'],
      [
        'macro-enabled bytes under a .docx name',
        {
          filename: 'Vertrag.docx',
          declaredType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          detectedType: 'application/vnd.ms-word.document.macroenabled.12',
        },
        'macro-enabled',
      ],
      ['a password-protected PDF', { encrypted: true }, 'encrypted'],
      [
        'an encrypted zip',
        {
          filename: 'a.zip',
          declaredType: 'application/zip',
          detectedType: 'application/zip',
          encrypted: true,
        },
        'encrypted',
      ],
      [
        'a zip',
        { filename: 'a.zip', declaredType: 'application/zip', detectedType: 'application/zip' },
        'archive',
      ],
      [
        'a 7z archive under octet-stream',
        {
          filename: 'a.7z',
          declaredType: 'application/octet-stream',
          detectedType: 'application/x-7z-compressed',
        },
        'archive',
      ],
      [
        'winmail.dat by its name',
        { filename: 'winmail.dat', declaredType: 'application/octet-stream', detectedType: null },
        'winmail-dat',
      ],
      [
        'TNEF by its declared type',
        { filename: null, declaredType: 'application/ms-tnef', detectedType: null },
        'winmail-dat',
      ],
      [
        'an HTML page',
        { filename: 'brief.html', declaredType: 'text/html', detectedType: 'text/html' },
        'active-content',
      ],
      [
        'an SVG image',
        { filename: 'logo.svg', declaredType: 'image/svg+xml', detectedType: 'image/svg+xml' },
        'active-content',
      ],
      [
        'an old .doc (compound file)',
        { filename: 'a.doc', declaredType: 'application/msword', detectedType: 'application/x-cfb' },
        'type-not-allowed',
      ],
      [
        'unknown bytes under octet-stream',
        { declaredType: 'application/octet-stream', detectedType: null },
        'type-not-allowed',
      ],
      ['unknown bytes declared as a PDF', { detectedType: null }, 'type-mismatch'],
      ['PDF bytes declared as a JPEG', { filename: 'a.jpg', declaredType: 'image/jpeg' }, 'type-mismatch'],
      [
        'PDF bytes named .html (a polyglot would open as a web page)',
        { filename: 'scan.html', declaredType: 'application/octet-stream' },
        'active-content',
      ],
      [
        'PDF bytes named .jpg under octet-stream',
        { filename: 'scan.jpg', declaredType: 'application/octet-stream' },
        'type-mismatch',
      ],
      [
        'text named .csv (a spreadsheet would run formulas)',
        { filename: 'a.csv', declaredType: 'text/plain', detectedType: 'text/plain' },
        'type-mismatch',
      ],
    ];
    for (const [what, changes, reason] of held) {
      it(`holds ${what} as ${reason}`, () => {
        assert.deepEqual(verdict(changes).slice(0, 2), [false, reason]);
      });
    }
  });

  describe('holds active content, under any name, with a reason a caseworker understands', () => {
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const held: [string, Partial<AttachmentFacts>, string][] = [
      ['a PDF with JavaScript', { activeContent: ['pdf-javascript'] }, 'active-content'],
      ['a PDF with an open action', { activeContent: ['pdf-open-action'] }, 'active-content'],
      ['a PDF with a launch action', { activeContent: ['pdf-launch'] }, 'active-content'],
      ['a PDF with embedded files', { activeContent: ['pdf-embedded-file'] }, 'active-content'],
      [
        'SYLK named .csv',
        { filename: 'liste.csv', declaredType: 'text/csv', detectedType: 'application/x-sylk' },
        'active-content',
      ],
      [
        'SYLK named .txt',
        { filename: 'liste.txt', declaredType: 'text/plain', detectedType: 'application/x-sylk' },
        'active-content',
      ],
      [
        'an Excel web query (.iqy)',
        { filename: 'abfrage.iqy', declaredType: 'text/plain', detectedType: 'text/x-ms-iqy' },
        'active-content',
      ],
      [
        '.iqy whatever its bytes',
        { filename: 'abfrage.iqy', declaredType: 'text/plain', detectedType: 'text/plain' },
        'active-content',
      ],
      [
        'HTML named .shtml that looks like text at its start',
        { filename: 'brief.shtml', declaredType: 'text/plain', detectedType: 'text/plain' },
        'active-content',
      ],
      [
        'text with a script further down, named .txt',
        {
          filename: 'notiz.txt',
          declaredType: 'text/plain',
          detectedType: 'text/plain',
          activeContent: ['markup'],
        },
        'active-content',
      ],
      [
        'an SVG with script named .png',
        { filename: 'logo.png', declaredType: 'image/png', detectedType: 'image/svg+xml' },
        'active-content',
      ],
      [
        'a .docx carrying vbaProject.bin',
        {
          filename: 'Vertrag.docx',
          declaredType: docx,
          detectedType: docx,
          activeContent: ['office-macros'],
        },
        'macro-enabled',
      ],
      [
        'a macro document renamed .pdf (zip container with vbaProject.bin)',
        {
          filename: 'Vertrag.pdf',
          declaredType: 'application/pdf',
          detectedType: 'application/zip',
          activeContent: ['office-macros'],
        },
        'macro-enabled',
      ],
      ['a name with a NUL', { filename: 'pass\u0000.pdf' }, 'unsafe-name'],
      ['a name with a control character', { filename: 'pass\u001b[2J.pdf' }, 'unsafe-name'],
      ['a name with a right-to-left override', { filename: 'Reisepass\u202Efdp.pdf' }, 'unsafe-name'],
      [
        'a name whose extension a cut would change',
        { filename: `Reisepass${' '.repeat(300)}.pdf.exe`, shownFilename: 'Reisepass' },
        'executable',
      ],
      [
        'a PDF whose cut name loses its extension',
        { filename: `${'ä'.repeat(200)}.pdf`, shownFilename: 'ä'.repeat(127) },
        'unsafe-name',
      ],
    ];
    for (const [what, changes, reason] of held) {
      it(`holds ${what} as ${reason}`, () => {
        assert.deepEqual(verdict(changes).slice(0, 2), [false, reason]);
      });
    }

    it('keeps a PDF that only opens at a page (an open destination, as scanners write)', () => {
      assert.deepEqual(verdict({ activeContent: [] }).slice(0, 2), [true, null]);
    });

    it('a PDF that mentions a macro project in its text is still a PDF', () => {
      assert.deepEqual(verdict({ activeContent: ['office-macros'] }).slice(0, 2), [true, null]);
    });
  });

  describe('records what is not a document, with its kind', () => {
    const recorded: [string, Partial<AttachmentFacts>, string, string][] = [
      [
        'an S/MIME signature',
        { filename: 'smime.p7s', declaredType: 'application/pkcs7-signature', detectedType: null },
        'signature',
        'signature',
      ],
      [
        'a PGP signature',
        {
          filename: 'signature.asc',
          declaredType: 'application/pgp-signature',
          detectedType: 'application/pgp-signature',
        },
        'signature',
        'signature',
      ],
      [
        'calendar data',
        { filename: null, declaredType: 'text/calendar', detectedType: 'text/calendar' },
        'calendar',
        'calendar',
      ],
      [
        'an .ics file under octet-stream',
        { filename: 'invite.ics', declaredType: 'application/octet-stream', detectedType: 'text/calendar' },
        'calendar',
        'calendar',
      ],
      [
        'a forwarded email',
        { filename: 'Weiterleitung.eml', declaredType: 'message/rfc822', detectedType: 'message/rfc822' },
        'forwarded-email',
        'forwarded-email',
      ],
      [
        'an Outlook .msg',
        {
          filename: 'Mail.msg',
          declaredType: 'application/vnd.ms-outlook',
          detectedType: 'application/x-cfb',
        },
        'forwarded-email',
        'forwarded-email',
      ],
      [
        'a forwarded email at the depth limit, not opened',
        {
          filename: 'a.eml',
          declaredType: 'message/rfc822',
          detectedType: 'message/rfc822',
          depth: MAX_FORWARD_DEPTH,
        },
        'too-deeply-nested',
        'forwarded-email',
      ],
    ];
    for (const [what, changes, reason, kind] of recorded) {
      it(`records ${what} (held as ${reason}, kind ${kind})`, () => {
        assert.deepEqual(verdict(changes), [false, reason, kind]);
      });
    }

    it('holds an executable named signature.asc as executable, the more dangerous finding', () => {
      assert.deepEqual(
        verdict({
          filename: 'signature.asc',
          declaredType: 'application/pgp-signature',
          detectedType: 'application/x-msdownload',
        }),
        [false, 'executable', 'signature'],
      );
    });
  });
});

describe('isForwardedEmail', () => {
  it('reads into message/rfc822 and message/global parts whatever their name', () => {
    assert.equal(isForwardedEmail(null, 'message/rfc822'), true);
    assert.equal(isForwardedEmail('x.bin', 'message/global'), true);
  });

  it('reads into an .eml file only under an uninformative type', () => {
    assert.equal(isForwardedEmail('Weiterleitung.eml', 'application/octet-stream'), true);
    assert.equal(isForwardedEmail('Weiterleitung.eml', 'text/plain'), false);
  });

  it('does not read into Outlook .msg files, which are not MIME', () => {
    assert.equal(isForwardedEmail('Mail.msg', 'application/vnd.ms-outlook'), false);
  });
});
