import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_NEW_TEXT_CHARS, newTextOf } from '../../functions/domain/quoted-text.ts';

const NEW = 'Guten Tag,\n\nanbei die Unterlagen.\n\nMax';

describe('newTextOf', () => {
  const histories: [string, string][] = [
    [
      'a German attribution (Thunderbird, Apple Mail)',
      'Am 09.03.2026 um 09:12 schrieb Ausländerbehörde <intake@abh.example.de>:\n> Bitte senden Sie …',
    ],
    [
      'a German Gmail attribution wrapped over two lines',
      'Am Mo., 9. März 2026 um 09:12 Uhr schrieb Ausländerbehörde Düsseldorf <\nintake@abh.example.de>:\n\n> Bitte …',
    ],
    [
      'an English attribution',
      'On Mon, Mar 9, 2026 at 9:12 AM Office <intake@abh.example.de> wrote:\n> Please send …',
    ],
    [
      'an attribution after the name (KMail)',
      'Ausländerbehörde schrieb am Montag, 9. März 2026, 09:12:\n> Bitte …',
    ],
    [
      'a Turkish attribution',
      '9 Mar 2026 Pzt, 09:12 tarihinde Ausländerbehörde <intake@abh.example.de> şunu yazdı:\n> Bitte …',
    ],
    [
      'a French attribution',
      'Le lun. 9 mars 2026 à 09:12, Office <intake@abh.example.de> a écrit :\n> Merci …',
    ],
    [
      'Outlook’s German header block',
      'Von: Ausländerbehörde <intake@abh.example.de>\nGesendet: Montag, 9. März 2026 09:12\nAn: Max\nBetreff: Rückfrage\n\nBitte …',
    ],
    [
      'Outlook’s English header block after a rule',
      '________________________________\nFrom: Office <intake@abh.example.de>\nSent: Monday, March 9, 2026 9:12 AM\nTo: Max\nSubject: Query\n\nPlease …',
    ],
    [
      'Outlook for Mac’s block with Datum',
      'Von: Ausländerbehörde <intake@abh.example.de>\nDatum: Montag, 9. März 2026 um 09:12\nAn: Max\nBetreff: Rückfrage\n',
    ],
    [
      'a bold header block from an HTML conversion',
      '*From:* Office <intake@abh.example.de>\n*Sent:* Monday, March 9, 2026 9:12 AM\n*To:* Max\n',
    ],
    ['-----Original Message-----', '-----Original Message-----\nFrom: Office\nSent: Monday\n'],
    ['-----Ursprüngliche Nachricht-----', '-----Ursprüngliche Nachricht-----\nVon: Amt\n'],
    [
      '-------- Weitergeleitete Nachricht --------',
      '-------- Weitergeleitete Nachricht --------\nBetreff: Rückfrage\n',
    ],
    ['---------- Forwarded message ---------', '---------- Forwarded message ---------\nFrom: Office\n'],
    ['Apple’s “Begin forwarded message:”', 'Begin forwarded message:\n\nFrom: Office\n'],
    [
      'Apple’s “Anfang der weitergeleiteten Nachricht:”',
      'Anfang der weitergeleiteten Nachricht:\n\nVon: Amt\n',
    ],
  ];
  for (const [what, history] of histories) {
    it(`cuts the history at ${what}`, () => {
      assert.equal(newTextOf(`${NEW}\n\n${history}\nMehr alter Text.`), NEW);
    });
  }

  it('drops > lines but keeps answers written between them', () => {
    const body =
      '> Wann können Sie kommen?\nAm Dienstag.\n> Welche Unterlagen fehlen?\nDer Mietvertrag folgt.\n';

    assert.equal(newTextOf(body), 'Am Dienstag.\nDer Mietvertrag folgt.');
  });

  it('keeps a sentence that starts like an attribution but has no time and no address', () => {
    const body = 'On Monday my employer wrote:\nthe contract is extended.';

    assert.equal(newTextOf(body), body);
  });

  it('does not join a finished sentence with the next line into an attribution', () => {
    const body = 'Am Montag komme ich um 10:15 vorbei.\nMein Chef schrieb mir:\nalles gut.';

    assert.equal(newTextOf(body), body);
  });

  it('keeps the line above an attribution that starts with the name', () => {
    assert.equal(newTextOf('Danke.\nMax\nAmt schrieb am Montag, 9. März 2026, 09:12:\n> alt'), 'Danke.\nMax');
  });

  it('keeps the signature and "Gesendet von meinem iPhone"', () => {
    assert.equal(
      newTextOf('Foto anbei.\n\n--\nMax Mustermann\n\nGesendet von meinem iPhone'),
      'Foto anbei.\n\n--\nMax Mustermann\n\nGesendet von meinem iPhone',
    );
  });

  it('collapses runs of blank lines and trims, with CRLF line ends', () => {
    assert.equal(newTextOf('\r\n\r\nHallo\r\n\r\n\r\n\r\nMax\r\n\r\n'), 'Hallo\n\nMax');
  });

  it('is empty for a forward with nothing written above it', () => {
    assert.equal(newTextOf('---------- Forwarded message ---------\nFrom: Office\n\nText'), '');
  });

  it(`is at most ${MAX_NEW_TEXT_CHARS} characters, cut with an ellipsis`, () => {
    const text = newTextOf('Wort '.repeat(5000));

    assert.ok(text.length <= MAX_NEW_TEXT_CHARS);
    assert.ok(text.endsWith('…'));
  });

  it('never cuts a character from outside the BMP in half', () => {
    const text = newTextOf(`${'a'.repeat(8)}😀😀`, 10);

    assert.equal(text, `${'a'.repeat(8)}…`);
  });

  it('reads a single line of a million characters quickly', () => {
    const started = performance.now();

    newTextOf('x'.repeat(1_000_000));

    assert.ok(performance.now() - started < 1000);
  });
});
