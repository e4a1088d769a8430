import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ActiveContentScan } from '../../functions/adapters/active-content-scan.ts';

/** Feeds the bytes in chunks of `size` and returns the findings. */
function scan(bytes: Buffer, size: number): string[] {
  const scanner = new ActiveContentScan();
  for (let at = 0; at < bytes.length; at += size) scanner.update(bytes.subarray(at, at + size));
  return scanner.findings();
}

describe('ActiveContentScan', () => {
  const pdf = Buffer.from(
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >>\nendobj\n',
    'latin1',
  );

  it('finds a keyword split across two chunks, at every split point', () => {
    for (let size = 1; size <= pdf.length; size += 1) {
      assert.deepEqual(scan(pdf, size), ['pdf-javascript', 'pdf-open-action'], `chunks of ${size}`);
    }
  });

  it('does not read names into compressed stream data, however large (no false alarms in big scans)', () => {
    const data = Buffer.concat([
      randomBytes(4 * 1024 * 1024),
      Buffer.from(' /JS /Launch /EmbeddedFile '),
      randomBytes(1024),
    ]);
    const file = Buffer.concat([
      Buffer.from(`%PDF-1.4\n4 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
      data,
      Buffer.from(
        '\nendstream\nendobj\n5 0 obj\n<< /Type /Catalog /OpenAction [3 0 R /Fit] >>\nendobj\n',
        'latin1',
      ),
    ]);

    assert.deepEqual(scan(file, 64 * 1024), []);
  });

  it('finds what follows a stream again, even when `endstream` is split across chunks', () => {
    const file = Buffer.from(
      '%PDF-1.4\n4 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n<< /Launch 1 >>',
      'latin1',
    );

    for (let size = 1; size <= file.length; size += 1) assert.deepEqual(scan(file, size), ['pdf-launch']);
  });

  it('finds a macro project inside a zip container and markup far into a text file', () => {
    assert.deepEqual(scan(Buffer.from('PK\x03\x04....word/vbaProject.bin....', 'latin1'), 7), [
      'office-macros',
    ]);
    assert.deepEqual(scan(Buffer.from(`${'Notiz. '.repeat(10_000)}<script>x</script>`), 4096), ['markup']);
  });
});
