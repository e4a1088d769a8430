import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CASE_LANGUAGES, type CaseLanguage } from '../../functions/domain/case-file.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { renderMessage, type TemplateView } from '../../functions/domain/message-rendering.ts';
import type { MessageKind } from '../../functions/domain/outbound-message.ts';

/**
 * The applicants' emails as a mail program shows them: each language's HTML rendered by Debian's
 * Chromium (no browser is downloaded), measured, and kept as screenshots in
 * test-artifacts/emails/ (gitignored) for a person to look at.
 */
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'emails');
const REFERENCE = 'ABH-2026-004711';
const CHECKLIST = checklistFor('residence-permit-extension')!;

const VIEWS: Readonly<Partial<Record<MessageKind, (language: CaseLanguage) => TemplateView>>> = {
  query: (language) => ({
    applicantName: 'Amina Haddad',
    caseReference: REFERENCE,
    officeName: 'Amt für Migration und Integration',
    requestTypeLabel: CHECKLIST.label[language],
    missing: CHECKLIST.items.slice(0, 3).map((item) => item.label[language]),
    caseworkerText: 'Bitte senden Sie auch die Rückseite Ihres Aufenthaltstitels.',
  }),
  'submission-received': (language) => ({
    applicantName: 'Amina Haddad',
    caseReference: REFERENCE,
    officeName: 'Amt für Migration und Integration',
    requestTypeLabel: CHECKLIST.label[language],
    received: [{ filename: 'Reisepass.pdf', item: CHECKLIST.items[0]!.label[language] }],
    notAccepted: [{ filename: 'Unterlagen.zip', reason: 'ZIP' }],
    waiting: [{ filename: 'IMG_20261128_142233.jpg' }],
    missing: CHECKLIST.items.slice(1, 3).map((item) => ({ label: item.label[language] })),
  }),
  invitation: () => ({
    applicantName: 'Amina Haddad',
    caseReference: REFERENCE,
    officeName: 'Amt für Migration und Integration',
    appointment: new Date('2027-04-15T08:00:00Z'),
    replaces: new Date('2027-04-08T07:30:00Z'),
    address: 'Service Point, Willi-Becker-Allee 7, 40227 Düsseldorf',
    fee: '100 EUR',
    payment: 'mit Karte am Service Point',
    durationMinutes: 15,
  }),
};

/** Layout facts of one rendered email, measured in the page. */
interface Measured {
  readonly wrappers: { lang: string; dir: string; direction: string }[];
  /** Horizontal overflow of the page, in CSS pixels (0 when everything fits). */
  readonly overflow: number;
  /** Per `<bdi>` holding the case reference: its direction and whether "A" is left of the last "1". */
  readonly references: { direction: string; leftToRight: boolean; inRtl: boolean }[];
  /** The first paragraph of each wrapper: gap between its text and the wrapper's start edge. */
  readonly startGaps: { lang: string; gap: number }[];
}

// Runs in the page (a string, so the DOM types stay out of the project's Node type-check).
const MEASURE = `(() => {
  const reference = ${JSON.stringify(REFERENCE)};
  const wrappers = [...document.querySelectorAll('body > div[lang]')].map((d) => ({
    lang: d.lang, dir: d.getAttribute('dir'), direction: getComputedStyle(d).direction }));
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const references = [...document.querySelectorAll('bdi')].filter((b) => b.textContent === reference).map((b) => {
    const text = b.firstChild;
    const rect = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
    return { direction: getComputedStyle(b).direction, leftToRight: rect(0).left < rect(reference.length - 1).left,
      inRtl: getComputedStyle(b.parentElement).direction === 'rtl' };
  });
  const startGaps = [...document.querySelectorAll('body > div[lang]')].map((d) => {
    const p = d.querySelector('p:not(:has(em))');
    const r = document.createRange(); r.selectNodeContents(p);
    const text = r.getBoundingClientRect(); const box = d.getBoundingClientRect();
    const rtl = getComputedStyle(d).direction === 'rtl';
    return { lang: d.lang, gap: Math.round(rtl ? box.right - text.right : text.left - box.left) };
  });
  return { wrappers, overflow, references, startGaps };
})()`;

describe('the applicants’ emails in a real browser (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // A phone's width: where long lines would overflow first.
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });

  after(async () => {
    await browser?.close();
  });

  for (const [kind, view] of Object.entries(VIEWS) as [MessageKind, (l: CaseLanguage) => TemplateView][]) {
    for (const language of CASE_LANGUAGES) {
      it(`${kind} in ${language}: each part in its language and direction, the reference left to right, nothing overflows`, async () => {
        const { html } = renderMessage(kind, language, view);
        await page.setContent(html, { waitUntil: 'load' });
        await page.screenshot({ path: join(ARTIFACTS, `${kind}-${language}.png`), fullPage: true });
        const measured = (await page.evaluate(MEASURE)) as Measured;

        const expected = language === 'de' ? ['de'] : ['de', language];
        assert.deepEqual(
          measured.wrappers.map((w) => w.lang),
          expected,
        );
        for (const wrapper of measured.wrappers) {
          const rtl = wrapper.lang === 'ar';
          assert.equal(wrapper.direction, rtl ? 'rtl' : 'ltr', `${wrapper.lang} reads ${wrapper.direction}`);
        }
        assert.ok(measured.references.length >= (language === 'de' ? 1 : 2), 'the reference in each part');
        for (const reference of measured.references) {
          assert.equal(reference.direction, 'ltr', 'the reference isolated as left to right');
          assert.ok(reference.leftToRight, 'the reference reads A…1 from left to right');
        }
        if (language === 'ar')
          assert.ok(
            measured.references.some((r) => r.inRtl),
            'a reference inside Arabic text',
          );
        // Each part's text starts at its own start edge: the right one for Arabic.
        for (const { lang, gap } of measured.startGaps)
          assert.ok(Math.abs(gap) <= 2, `${lang} starts ${gap}px off its edge`);
        assert.ok(measured.overflow <= 0, `the page overflows by ${measured.overflow}px`);
      });
    }
  }
});
