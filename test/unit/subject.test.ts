import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseSubject } from '../../functions/domain/subject.ts';

describe('baseSubject', () => {
  const prefixed: [string, string][] = [
    ['AW: Ihr Antrag', 'German Outlook reply'],
    ['WG: Ihr Antrag', 'German Outlook forward'],
    ['Re: Ihr Antrag', 'reply'],
    ['RE: Ihr Antrag', 'upper-case reply'],
    ['Fwd: Ihr Antrag', 'forward'],
    ['FW: Ihr Antrag', 'Outlook forward'],
    ['Antw: Ihr Antrag', 'German Notes reply'],
    ['SV: Ihr Antrag', 'Nordic reply'],
    ['YNT: Ihr Antrag', 'Turkish Outlook reply'],
    ['İLT: Ihr Antrag', 'Turkish Outlook forward'],
    ['Re[2]: Ihr Antrag', 'counted reply'],
    ['Re(3): Ihr Antrag', 'counted reply in parentheses'],
    ['Re : Ihr Antrag', 'French spacing'],
    ['回复：Ihr Antrag', 'Chinese reply with a full-width colon'],
    ['AW: WG: Re: Fwd: Antw: SV: RE: Ihr Antrag', 'a pile of them'],
    ['Re:Re:Ihr Antrag', 'without spaces'],
    ['[EXTERN] AW: Ihr Antrag', 'a gateway tag in front'],
    ['Ihr Antrag (fwd)', 'a trailing forward marker'],
    ['  AW:   Ihr    Antrag  ', 'extra whitespace'],
  ];
  for (const [subject, what] of prefixed) {
    it(`strips ${what}: ${JSON.stringify(subject)}`, () => {
      assert.equal(baseSubject(subject), 'Ihr Antrag');
    });
  }

  it('leaves words that merely start like a prefix', () => {
    assert.equal(baseSubject('Reisepass und Aufenthaltstitel'), 'Reisepass und Aufenthaltstitel');
    assert.equal(baseSubject('Antrag: Verlängerung'), 'Antrag: Verlängerung');
  });

  it('keeps a mailing list tag, which is part of the topic', () => {
    assert.equal(baseSubject('Re: [Behoerden-Info] Öffnungszeiten'), '[Behoerden-Info] Öffnungszeiten');
  });

  it('is null for no subject and for a subject of prefixes only', () => {
    assert.equal(baseSubject(null), null);
    assert.equal(baseSubject('AW: '), null);
  });
});
