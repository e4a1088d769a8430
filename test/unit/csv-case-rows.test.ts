import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { csvImportRows, UnreadableCsvError } from '../../functions/adapters/csv-case-rows.ts';
import type { ImportRow } from '../../functions/use-cases/import-cases.ts';
import { readCsvImportRows } from '../../cli/case-commands.ts';

const fixture = (name: string): string => join(import.meta.dirname, '..', 'fixtures', 'csv', name);

const names = (rows: readonly ImportRow[]): string[] =>
  rows.map((row) =>
    'problem' in row.request ? `problem: ${row.request.problem}` : row.request.applicantName,
  );

/** The problems a refused file is refused with. */
async function refusal(file: string): Promise<readonly string[]> {
  try {
    await readCsvImportRows(fixture(file));
  } catch (error) {
    assert.ok(
      error instanceof UnreadableCsvError,
      `refused with an UnreadableCsvError, not ${String(error)}`,
    );
    return error.problems;
  }
  assert.fail(`${file} was read`);
}

describe('reading a case export', () => {
  describe('in the encodings and separators spreadsheets save', () => {
    it('Excel’s German export (Windows-1252, semicolons) keeps umlauts, ß, Œ and a comma inside a name', async () => {
      const read = await readCsvImportRows(fixture('excel-de-windows-1252-semicolon.csv'));
      assert.deepEqual([read.encoding, read.delimiter], ['windows-1252', ';']);
      assert.deepEqual(names(read.rows), ['Müller, Jürgen', 'Zoë Weiß', 'François Œuvray']);
      assert.deepEqual(
        read.rows.map((r) => r.line),
        [2, 3, 4],
      );
    });

    it('Excel’s “CSV UTF-8” (a BOM, commas, quoted fields)', async () => {
      const read = await readCsvImportRows(fixture('excel-utf-8-bom-comma.csv'));
      assert.deepEqual([read.encoding, read.delimiter], ['utf-8', ',']);
      assert.deepEqual(names(read.rows), ['Yılmaz, Ayşe', 'Đorđe Petrović']);
      const [first] = read.rows;
      assert.ok(first && !('problem' in first.request));
      assert.equal(first.request.reference, 'ABH-2026-060011');
    });

    it('Excel’s “Unicode text” (UTF-16 with a BOM, tabs)', async () => {
      const read = await readCsvImportRows(fixture('excel-utf-16le-tab.txt'));
      assert.deepEqual([read.encoding, read.delimiter], ['utf-16le', '\t']);
      assert.deepEqual(names(read.rows), ['Nguyễn Thị Minh', 'Ahmad Al-Sayed']);
    });

    it('LibreOffice’s German export (UTF-8 without a BOM, semicolons)', async () => {
      const read = await readCsvImportRows(fixture('libreoffice-utf-8-semicolon.csv'));
      assert.deepEqual([read.encoding, read.delimiter], ['utf-8', ';']);
      assert.deepEqual(names(read.rows), ['Şükrü Öztürk']);
    });
  });

  describe('refuses what cannot be read, naming the lines', () => {
    it('bytes that are neither UTF-8 nor Windows-1252', async () => {
      const problems = await refusal('undecodable-bytes.csv');
      assert.deepEqual(problems, [
        'line 3: bytes that are no character in Windows-1252',
        'line 4: bytes that are no character in Windows-1252',
      ]);
    });

    it('a UTF-8 file (BOM) with a line written in another encoding', async () => {
      const problems = await refusal('utf-8-bom-with-windows-1252-line.csv');
      assert.deepEqual(problems, ['line 3: bytes that are not UTF-8, though the file says it is']);
    });

    it('the workbook itself instead of its CSV export', async () => {
      const problems = await refusal('workbook-not-exported.xlsx');
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /Excel workbook.*save it as CSV/);
    });

    it('a header line without a separator', () => {
      assert.throws(
        () => csvImportRows('reference name email\nABH-2026-000001 A a@example.org\n'),
        (error: unknown) =>
          error instanceof UnreadableCsvError &&
          error.problems.join() === 'line 1: the header names no columns separated by , ; or a tab',
      );
    });
  });

  it('takes every language the messages have in the language column, and refuses others', () => {
    const rows = csvImportRows(
      'reference,name,email,language\n' +
        'ABH-2026-000001,A,a@example.org,ar\n' +
        'ABH-2026-000002,B,b@example.org,uk\n' +
        'ABH-2026-000003,C,c@example.org,fr\n',
    );
    const languages = rows.map((r) => ('problem' in r.request ? 'problem' : r.request.language));
    assert.deepEqual(languages, ['ar', 'uk', 'problem']);
  });
});
