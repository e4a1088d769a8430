import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_LANGUAGES, isCaseLanguage, type CaseLanguage } from '../../functions/domain/case-file.ts';
import { CHECKLISTS } from '../../functions/domain/checklist.ts';
import { templateArguments, templateLists } from '../../functions/domain/message-format.ts';
import { renderMessage } from '../../functions/domain/message-rendering.ts';
import type { MessageKind } from '../../functions/domain/outbound-message.ts';
import { GERMAN, translationOf } from '../../functions/domain/templates/languages.ts';
import type {
  GermanMessages,
  MessageTemplate,
  Translation,
} from '../../functions/domain/templates/message-types.ts';

const TRANSLATED = CASE_LANGUAGES.filter((l) => l !== 'de');

/** What one message needs: argument names, lists, list-entry fields (sorted, comparable). */
function shape(template: MessageTemplate): string[] {
  return [
    ...[...templateArguments(template.subject).keys(), ...templateArguments(template.body).keys()].map(
      (name) => `argument ${name}`,
    ),
    ...templateLists(template.body).map((name) => `list ${name}`),
    ...Object.entries(template.items ?? {}).flatMap(([list, item]) =>
      [...templateArguments(item).keys()].map((field) => `field ${list}.${field}`),
    ),
  ]
    .filter((entry, index, all) => all.indexOf(entry) === index)
    .sort();
}

/**
 * Every way a translation differs from German in what it covers: a message kind, an argument,
 * a list or a checklist label one has and the other lacks. Empty when they match.
 */
function differences(german: GermanMessages, translation: Translation): string[] {
  const found: string[] = [];
  const compare = (what: string, expected: readonly string[], actual: readonly string[]): void => {
    for (const key of expected) if (!actual.includes(key)) found.push(`${what}: lacks ${key}`);
    for (const key of actual) if (!expected.includes(key)) found.push(`${what}: has extra ${key}`);
  };
  const applicantKinds = Object.keys(german.messages).filter((k) => !k.startsWith('caseworker-'));
  compare('messages', applicantKinds, Object.keys(translation.messages));
  for (const kind of applicantKinds) {
    const own = (translation.messages as Record<string, MessageTemplate | undefined>)[kind];
    if (own !== undefined) compare(kind, shape(german.messages[kind as MessageKind]), shape(own));
  }
  compare(
    'request types',
    [...new Set(CHECKLISTS.map((c) => c.requestType))],
    Object.keys(translation.checklist.requestTypes),
  );
  compare(
    'checklist items',
    [...new Set(CHECKLISTS.flatMap((c) => c.items.map((i) => i.id)))],
    Object.keys(translation.checklist.items),
  );
  return found;
}

describe('the languages of the messages', () => {
  for (const language of TRANSLATED) {
    it(`${language} has every message, argument, list and checklist label German has, and no other`, () => {
      assert.deepEqual(differences(GERMAN, translationOf(language)!), []);
    });
  }

  it('the comparison finds a missing message, a missing or extra argument, and a missing label', () => {
    const en = translationOf('en')!;
    const { query: _dropped, ...withoutQuery } = en.messages;
    const lacking: Translation = {
      ...en,
      messages: {
        ...withoutQuery,
        invitation: { ...en.messages.invitation, body: `${en.messages.invitation.body} {extra}` },
        'invitation-cancelled': {
          ...en.messages['invitation-cancelled'],
          body: 'Your appointment is cancelled.',
        },
      } as Translation['messages'],
      checklist: { ...en.checklist, items: { ...en.checklist.items, passport: undefined! } },
    };
    const { passport: _passport, ...items } = en.checklist.items;
    const found = differences(GERMAN, { ...lacking, checklist: { ...en.checklist, items } });
    assert.ok(found.includes('messages: lacks query'), found.join('\n'));
    assert.ok(found.includes('invitation: has extra argument extra'), found.join('\n'));
    assert.ok(found.includes('invitation-cancelled: lacks argument appointment'), found.join('\n'));
    assert.ok(found.includes('checklist items: lacks passport'), found.join('\n'));
  });

  it('every checklist label exists in every language, the German one from the checklist file', () => {
    for (const checklist of CHECKLISTS) {
      for (const label of [checklist.label, ...checklist.items.map((i) => i.label)]) {
        for (const language of CASE_LANGUAGES) assert.ok(label[language], `${language}: ${label.de}`);
        assert.equal(new Set(Object.values(label)).size, CASE_LANGUAGES.length, `translated: ${label.de}`);
      }
    }
  });

  it('knows the languages of the contract and no others', () => {
    assert.deepEqual([...CASE_LANGUAGES].sort(), ['ar', 'de', 'en', 'ru', 'tr', 'uk']);
    assert.equal(isCaseLanguage('uk'), true);
    assert.equal(isCaseLanguage('fr'), false);
    assert.equal(isCaseLanguage('constructor'), false);
  });
});

const BASE = {
  applicantName: 'Amina Haddad',
  caseReference: 'ABH-2026-004711',
  officeName: 'Amt für Migration und Integration',
  requestTypeLabel: 'Verlängerung',
  caseworkerText: null,
};
const labels = (n: number): string[] => Array.from({ length: n }, (_, i) => `Unterlage ${i + 1}`);

/** The translation part of the plain text (after the rule). */
function translationText(kind: MessageKind, language: CaseLanguage, view: Record<string, unknown>): string {
  const { text } = renderMessage(kind, language, view as never);
  return text.slice(text.indexOf('----------'));
}

describe('plural rules per language', () => {
  it('Arabic: one, two, few, many and other documents; six forms of minutes', () => {
    const query = (n: number): string => translationText('query', 'ar', { ...BASE, missing: labels(n) });
    assert.match(query(1), /بحاجة إلى المستند التالي:/);
    assert.match(query(2), /بحاجة إلى المستندين التاليين:/);
    assert.match(query(3), /بحاجة إلى 3 مستندات:/);
    assert.match(query(11), /بحاجة إلى 11 مستندًا:/);
    assert.match(query(100), /بحاجة إلى 100 مستند:/);
    const minutes = (n: number): string =>
      translationText('invitation', 'ar', {
        ...BASE,
        appointment: new Date('2027-04-15T08:00:00Z'),
        replaces: null,
        address: 'Service Point',
        fee: '100 EUR',
        payment: 'بالبطاقة',
        durationMinutes: n,
      });
    assert.match(minutes(0), /حوالي 0 دقيقة\./);
    assert.match(minutes(1), /حوالي دقيقة واحدة\./);
    assert.match(minutes(2), /حوالي دقيقتين\./);
    assert.match(minutes(5), /حوالي 5 دقائق\./);
    assert.match(minutes(15), /حوالي 15 دقيقة\./);
  });

  it('Ukrainian and Russian: one, few and many (1, 2, 5, 21)', () => {
    const uk = (n: number): string => translationText('query', 'uk', { ...BASE, missing: labels(n) });
    assert.match(uk(1), /подати ще 1 документ:/);
    assert.match(uk(2), /подати ще 2 документи:/);
    assert.match(uk(5), /подати ще 5 документів:/);
    assert.match(uk(21), /подати ще 21 документ:/);
    const ru = (n: number): string => translationText('query', 'ru', { ...BASE, missing: labels(n) });
    assert.match(ru(1), /представить ещё 1 документ:/);
    assert.match(ru(2), /представить ещё 2 документа:/);
    assert.match(ru(5), /представить ещё 5 документов:/);
    assert.match(ru(22), /представить ещё 22 документа:/);
  });

  it('German and English: one and other', () => {
    const { text } = renderMessage('query', 'en', { ...BASE, missing: labels(2) });
    assert.match(text, /fehlen noch folgende 2 Unterlagen:/);
    assert.match(text, /we still need the following 2 documents:/);
  });
});

describe('dates per locale, in the office’s time zone', () => {
  const invitation = {
    ...BASE,
    replaces: null,
    address: 'Service Point',
    fee: '100 EUR',
    payment: 'Karte',
    durationMinutes: 15,
  };

  it('writes the appointment in each language, in Berlin time (summer and winter)', () => {
    const summer = { ...invitation, appointment: new Date('2027-04-15T08:00:00Z') };
    const expected: Record<CaseLanguage, RegExp> = {
      de: /Donnerstag, 15\. April 2027 um 10:00/,
      en: /Thursday(,)? 15 April 2027 at 10:00/,
      tr: /15 Nisan 2027 Perşembe 10:00/,
      uk: /четвер, 15 квітня 2027 р\. о 10:00/,
      ar: /الخميس، 15 أبريل 2027 في 10:00 ص/,
      ru: /четверг, 15 апреля 2027 г\. в 10:00/,
    };
    for (const language of CASE_LANGUAGES) {
      const text =
        language === 'de'
          ? renderMessage('invitation', 'de', summer).text
          : translationText('invitation', language, summer);
      assert.match(text, expected[language], language);
    }
    const winter = renderMessage('invitation', 'de', {
      ...invitation,
      appointment: new Date('2027-01-14T09:00:00Z'),
    });
    assert.match(winter.text, /Donnerstag, 14\. Januar 2027 um 10:00/);
  });

  it('uses the time zone it is given', () => {
    const { text } = renderMessage(
      'invitation',
      'de',
      { ...invitation, appointment: new Date('2027-04-15T08:00:00Z') },
      { timeZone: 'America/New_York' },
    );
    assert.match(text, /Donnerstag, 15\. April 2027 um 04:00/);
  });

  it('the reminder says today, tomorrow or the date in each language', () => {
    const reminder = (language: CaseLanguage, day: string): string =>
      renderMessage('invitation-reminder', language, {
        ...invitation,
        day,
        appointment: new Date('2027-04-15T08:00:00Z'),
      }).subject;
    assert.equal(reminder('de', 'tomorrow'), '[ABH-2026-004711] Erinnerung: Ihr Termin morgen');
    assert.match(reminder('tr', 'tomorrow'), /Hatırlatma: yarınki randevunuz$/);
    assert.match(reminder('ru', 'today'), /Ваш приём сегодня$/);
    assert.match(
      reminder('ru', 'later'),
      /Ihr Termin am 15\.04\.2027 \/ Напоминание: Ваш приём 15 апр\. 2027 г\.$/,
    );
    assert.match(reminder('uk', 'later'), /Ваш прийом 15 квіт\. 2027 р\.$/);
  });
});

describe('right to left, and the binding German text', () => {
  const view = { ...BASE, missing: ['Gültiger Reisepass'] };

  it('Arabic HTML: the translation wrapper is rtl with lang, the reference in <bdi>', () => {
    const { html } = renderMessage('query', 'ar', view);
    assert.match(html, /<div lang="de" dir="ltr">[\s\S]*<\/div>\n<hr>\n<div lang="ar" dir="rtl">/);
    assert.match(html, /رقم الملف <bdi[^>]*>ABH-2026-004711<\/bdi>/);
    assert.doesNotMatch(html, /[\u202a-\u202e\u2066-\u2069]/, 'no bidi controls in the HTML');
  });

  it('Arabic plain text: values isolated (FSI … PDI) in the Arabic part only, no overrides', () => {
    const { text } = renderMessage('query', 'ar', view);
    const [german, arabic] = text.split('----------');
    assert.doesNotMatch(german!, /[\u2066-\u2069]/);
    assert.match(arabic!, /رقم الملف \u2068ABH-2026-004711\u2069/);
    assert.doesNotMatch(text, /[\u202a-\u202e]/);
  });

  it('an isolate or override in a value is shown, never passed on', () => {
    const { text, html } = renderMessage('query', 'ar', { ...view, applicantName: 'Eve\u2069\u202e' });
    assert.match(text, /Eve⟨U\+2069⟩⟨U\+202E⟩/);
    assert.match(html, /<bdi>Eve⟨U\+2069⟩⟨U\+202E⟩<\/bdi>/);
  });

  for (const language of TRANSLATED) {
    it(`${language}: says in German and in ${language} that only the German text is binding (§ 23 VwVfG)`, () => {
      const { text, html } = renderMessage('query', language, view);
      const [german, translated] = text.split('----------');
      const name = new Intl.DisplayNames('de', { type: 'language' }).of(language)!;
      assert.match(
        german!,
        new RegExp(`Übersetzung \\(${name}\\)[^\\n]*verbindlich ist allein der deutsche Text \\(§ 23`),
      );
      assert.ok(translated!.includes(translationOf(language)!.notice.slice(0, 20)));
      assert.match(translated!, /(§|المادة) 23[^\n]*VwVfG/);
      assert.match(
        html,
        new RegExp(`<div lang="${language}" dir="${translationOf(language)!.direction}">\\n<p><em>`),
      );
    });
  }
});

describe('plural arguments', () => {
  it('counts lists and numbers; a text given where a count is wanted is refused, never read as a date', () => {
    const digest = (count: unknown) =>
      renderMessage('caseworker-triage-digest', 'de', {
        officeName: 'Amt',
        count: count as number,
        waiting: 3,
        entries: [],
      });
    assert.match(digest(2).subject, /Triage: 2 neue E-Mails warten auf Zuordnung/);
    assert.match(digest(1).subject, /Triage: eine neue E-Mail wartet auf Zuordnung/);
    assert.throws(() => digest('2'), /counts a list or a number/);
  });
});
