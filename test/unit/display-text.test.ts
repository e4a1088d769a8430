import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  displayLine,
  displayText,
  isWellFormedMessageId,
  safeJson,
} from '../../functions/domain/display-text.ts';
import { renderMessage } from '../../functions/domain/message-rendering.ts';

describe('displayLine', () => {
  it('shows bidi overrides and isolates instead of letting them reorder the name', () => {
    assert.equal(displayLine('Reisepass\u202Efdp.exe'), 'Reisepass⟨U+202E⟩fdp.exe');
    assert.equal(displayLine('a\u2066b\u2069c\u202Ad'), 'a⟨U+2066⟩b⟨U+2069⟩c⟨U+202A⟩d');
  });

  it('shows terminal escape sequences, NUL, DEL, C1 controls and line breaks', () => {
    assert.equal(displayLine('pass\u001b[2J\u001b[31m.pdf'), 'pass⟨U+001B⟩[2J⟨U+001B⟩[31m.pdf');
    assert.equal(displayLine('a\u0000b\u007fc\u009bd'), 'a⟨U+0000⟩b⟨U+007F⟩c⟨U+009B⟩d');
    assert.equal(displayLine('Pass.pdf\r\n- Gehalt.pdf'), 'Pass.pdf⟨U+000D⟩⟨U+000A⟩- Gehalt.pdf');
  });

  it('leaves ordinary names in any script alone', () => {
    for (const name of [
      'Reisepass Ayşe Yılmaz.pdf',
      'جواز سفر.pdf',
      'Паспорт.jpg',
      '护照.png',
      'Ärztliche Bescheinigung (1).pdf',
    ]) {
      assert.equal(displayLine(name), name);
    }
  });
});

describe('displayText', () => {
  it('keeps line breaks and tabs of a message, and shows everything else', () => {
    assert.equal(
      displayText('Guten Tag,\r\n\tanbei\u001b]0;x\u0007 der Pass.'),
      'Guten Tag,\n\tanbei⟨U+001B⟩]0;x⟨U+0007⟩ der Pass.',
    );
  });
});

describe('safeJson', () => {
  it('escapes what a terminal would interpret and reads back as the same data', () => {
    const value = { filename: 'Reisepass\u202Efdp.exe', subject: 'x\u009b31m' };

    const json = safeJson(value);

    assert.doesNotMatch(json, /[\u202e\u009b]/);
    assert.deepEqual(JSON.parse(json), value);
  });
});

describe('isWellFormedMessageId', () => {
  it('accepts what mail programs write', () => {
    for (const id of [
      '<CAF+abc.123@mail.gmail.com>',
      '<intake-1f2e@intake.example.org>',
      "<a!#$%&'*+/=?^_`{|}~-@x.y>",
    ]) {
      assert.equal(isWellFormedMessageId(id), true, id);
    }
  });

  it('refuses line breaks, spaces, quotes, missing brackets, several IDs, and anything over 250 characters', () => {
    for (const id of [
      '<x@y>\r\nBcc: a@b',
      '<a b@y>',
      '<"a"@y>',
      'a@y',
      '<a@y> <b@y>',
      '<a@y',
      `<${'a'.repeat(250)}@y>`,
      '<@y>',
      '<a@>',
      null,
    ]) {
      assert.equal(isWellFormedMessageId(id), false, String(id));
    }
  });
});

describe("the caseworker's email shows what a sender wrote, never interprets it", () => {
  it('file names and the message text with escapes and overrides are made visible, in text and HTML', () => {
    const view = {
      headline: 'Neue Unterlagen eingegangen',
      caseReference: 'ABH-2026-000001',
      requestTypeLabel: 'Verlängerung',
      receivedAt: '2026-03-09',
      matchedBy: 'Aktenzeichen',
      sender: 'a@example.org',
      senderAuthentication: 'SPF und DKIM bestanden',
      documents: [{ filename: displayLine('Pass\u202Efdp.exe\n- Gefälscht.pdf'), item: 'Reisepass' }],
      held: [],
      readProblems: [],
      checklist: [],
      sesMessageId: 'x',
      newText: 'Hallo\u001b[8m versteckt\u001b[0m\nZeile zwei',
      nextStep: '',
    };

    const rendered = renderMessage('caseworker-notification', 'de', view);

    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    assert.doesNotMatch(rendered.text + rendered.html, /[\u001b\u202e]/);
    assert.match(rendered.text, /- Pass⟨U\+202E⟩fdp\.exe⟨U\+000A⟩- Gefälscht\.pdf → Reisepass/);
    assert.match(rendered.text, /Hallo⟨U\+001B⟩\[8m versteckt⟨U\+001B⟩\[0m\nZeile zwei/);
    assert.match(rendered.html, /Pass⟨U\+202E⟩fdp\.exe/);
  });
});
