import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { OUTPUT_LIMITS } from '../../functions/domain/parsed-email.ts';
import { REPORT_BYTES_BESIDES_NAMES, type ParseEmailResult } from '../../functions/use-cases/parse-email.ts';
import { parseStream } from './parse-support.ts';

/**
 * What ParseEmail's result may take in the IntakeWorkflow's state. Step Functions allows 256 KB
 * for the whole state and fails the execution beyond it (a Catch on States.ALL does not catch
 * that): the rest (the SES facts, screening, match, recording, sending) must fit in what is left.
 */
const PARSE_RESULT_BUDGET_BYTES = 160 * 1024;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
const long = (length: number, pattern: string): string => pattern.repeat(length).slice(0, length);

/**
 * The result as it stands in the state once FileAttachments has filed each file: with the
 * longest location S3 can give and the longest scan outcome.
 */
function asStored(result: ParseEmailResult): ParseEmailResult {
  return {
    ...result,
    attachments: result.attachments.map((a) => ({
      ...a,
      location: { bucket: long(63, 'b'), key: `quarantine/${a.sha256}` },
      malwareScan: 'not-scanned',
    })),
  };
}

function file(index: number, filename: string, contentType = 'application/pdf'): string {
  return (
    `--b\r\nContent-Type: ${contentType}\r\nContent-Transfer-Encoding: base64\r\n` +
    `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(filename)}\r\n\r\n` +
    `${Buffer.from(`%PDF-1.4\n${index}`).toString('base64')}\r\n`
  );
}

function message(headers: string, body: string, files: readonly string[]): Readable {
  return Readable.from([
    Buffer.from(
      `From: sender@example.org\r\n${headers}MIME-Version: 1.0\r\n` +
        `Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
        `${body}\r\n${files.join('')}--b--\r\n`,
    ),
  ]);
}

describe('ParseEmail result size (Step Functions state)', () => {
  it('the largest result a sender can provoke stays within its share of the state', async () => {
    // Every header and name at its worst: control characters (six bytes each as JSON), CJK
    // (three bytes each), a thousand files with long names and long made-up types.
    const addresses = Array.from(
      { length: 120 },
      (_, i) => `"${long(200, '\u0001x')}" <${long(60, 'a')}${i}@${long(180, 'b')}.example>`,
    ).join(',\r\n ');
    const ids = (n: number, length: number): string =>
      Array.from({ length: n }, (_, i) => `<${i}${long(length, 'm')}@example.org>`).join('\r\n ');
    const subject = Buffer.from(long(2000, '\u0001漢')).toString('base64');
    const files = Array.from({ length: 990 }, (_, i) =>
      file(i, `${i}${long(400, '\u0001漢')}`, `application/${long(3000, 'x')}`),
    );

    const result = asStored(
      await parseStream(
        message(
          // A thread of 150 messages (the header guard cuts a References field beyond that).
          `Message-ID: ${ids(1, 4000)}\r\nIn-Reply-To: ${ids(1, 4000)}\r\nReferences: ${ids(150, 60)}\r\n` +
            `To: ${addresses}\r\nCc: ${addresses}\r\nReply-To: ${addresses}\r\nFrom: ${addresses}\r\n` +
            `Subject: =?utf-8?b?${subject}?=\r\n`,
          long(20_000, '\u0001漢 '),
          files,
        ),
        { recipients: [`intake+${long(300, 'r')}@abh.example.de`], envelopeSender: 'other' },
      ),
    );

    assert.ok(bytes(result) <= PARSE_RESULT_BUDGET_BYTES, `${bytes(result)} bytes`);
    const notStored = 990 - result.attachments.length;
    assert.ok(result.attachments.length > 0 && notStored > 0);
    assert.ok(result.problems.includes(`too-many-files: ${notStored}`), String(result.problems));
    assert.ok(result.problems.includes('filename-truncated'));
    for (const attachment of result.attachments) {
      assert.ok(Buffer.byteLength(attachment.filename!) <= OUTPUT_LIMITS.filenameBytes);
      assert.ok(attachment.contentType.length <= OUTPUT_LIMITS.contentTypeChars);
      // The estimate the budget is spent by never undercounts a real report.
      const names = bytes(attachment.filename) + bytes(attachment.contentType);
      assert.ok(bytes(attachment) <= names + REPORT_BYTES_BESIDES_NAMES, `${bytes(attachment) - names}`);
    }
    assert.ok(bytes(result.attachments) <= OUTPUT_LIMITS.attachmentReportBytes);
    // A second From header with 120 mailboxes, and as many in Reply-To: a few reported, no sender.
    assert.equal(result.from, null);
    assert.equal(result.fromAddresses.length, OUTPUT_LIMITS.senderAddresses);
    assert.equal(result.replyTo.length, OUTPUT_LIMITS.senderAddresses);
    // A long thread keeps its first message and the newest ones.
    assert.equal(result.references.length, OUTPUT_LIMITS.references);
    assert.match(result.references[0]!, /^<0m/);
    assert.match(result.references.at(-1)!, /^<149m/);
    // An ID longer than any mail program makes is junk, dropped rather than cut.
    assert.equal(result.messageId, null);
    assert.equal(result.inReplyTo, null);
    assert.equal(result.to.length, OUTPUT_LIMITS.addresses);
  });

  it('an ordinary email with 150 photographed pages is stored file by file, nothing left out', async () => {
    const files = Array.from({ length: 150 }, (_, i) =>
      file(i, `Mietvertrag Seite ${String(i + 1).padStart(3, '0')}.pdf`),
    );

    const result = asStored(await parseStream(message('To: intake@abh.example.de\r\n', 'Anbei.', files)));

    assert.equal(result.attachments.length, 150);
    assert.equal(result.attachments.at(-1)!.filename, 'Mietvertrag Seite 150.pdf');
    assert.deepEqual(result.problems, []);
  });
});
