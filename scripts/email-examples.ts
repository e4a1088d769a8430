import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checklistFor } from '../functions/domain/checklist.ts';
import type { CaseLanguage } from '../functions/domain/case-file.ts';
import { renderMessage, type TemplateView } from '../functions/domain/message-rendering.ts';
import type { MessageKind } from '../functions/domain/outbound-message.ts';
import { GERMAN } from '../functions/domain/templates/languages.ts';

/**
 * One example of every email the pipeline sends, rendered from the real templates with made-up
 * values: `docs/emails.md`, which the README links. `npm run email-examples` writes it; a unit
 * test fails when a template changed and the file was not written again.
 */
const checklist = checklistFor('residence-permit-extension')!;
const REFERENCE = 'ABH-2026-000101';
const base = (language: CaseLanguage): TemplateView => ({
  applicantName: 'Ayşe Yılmaz',
  caseReference: REFERENCE,
  officeName: 'Amt für Migration und Integration',
  requestTypeLabel: checklist.label[language],
});
const label = (index: number, language: CaseLanguage): string => checklist.items[index]!.label[language];
const appointment = new Date('2027-04-15T08:00:00Z');

/** The example's view per kind, in the language asked (labels differ by language). */
const EXAMPLES: Readonly<Record<MessageKind, (language: CaseLanguage) => TemplateView>> = {
  'case-opened': (l) => ({
    ...base(l),
    items: checklist.items.slice(0, 3).map((_, i) => ({ label: label(i, l) })),
    intakeAddress: 'unterlagen@abh.example.de',
  }),
  'submission-received': (l) => ({
    ...base(l),
    received: [{ filename: 'Reisepass.pdf', item: label(0, l) }],
    notAccepted: [{ filename: 'Unterlagen.zip', reason: 'Die Datei ist ein gepacktes Archiv (ZIP).' }],
    waiting: [{ filename: 'IMG_20261128_142233.jpg' }],
    missing: [{ label: label(2, l) }],
  }),
  'file-complete': (l) => ({
    ...base(l),
    received: [{ filename: 'Meldebescheinigung.pdf', item: label(1, l) }],
    notAccepted: [],
  }),
  query: (l) => ({
    ...base(l),
    missing: [label(2, l)],
    caseworkerText: 'Bitte senden Sie auch die Rückseite Ihres Aufenthaltstitels.',
  }),
  'query-reminder': (l) => ({
    ...base(l),
    queriedOn: new Date('2026-11-18T09:00:00Z'),
    missing: [label(2, l)],
  }),
  invitation: (l) => ({
    ...base(l),
    appointment,
    replaces: null,
    address: 'Service Point, Willi-Becker-Allee 7, 40227 Düsseldorf',
    fee: '96 EUR',
    payment: 'mit Karte am Service Point / by card at the Service Point',
    durationMinutes: 15,
  }),
  'invitation-reminder': (l) => ({
    ...base(l),
    day: 'tomorrow',
    appointment,
    address: 'Service Point, Willi-Becker-Allee 7, 40227 Düsseldorf',
    fee: '96 EUR',
  }),
  'invitation-cancelled': (l) => ({ ...base(l), appointment }),
  'triage-reply': () => ({ officeName: 'Amt für Migration und Integration' }),
  'triage-received': () => ({ officeName: 'Amt für Migration und Integration' }),
  'triage-question': () => ({
    officeName: 'Amt für Migration und Integration',
    contactOptions: [
      { line: 'Telefon 0211 89-00000 (Mo–Fr 8–12 Uhr)' },
      { line: 'Service Point, Willi-Becker-Allee 7' },
    ],
  }),
  'caseworker-notification': (l) => ({
    ...base(l),
    headline: 'Termin abgesagt',
    receivedAt: '02.12.2026, 14:05',
    matchedBy: 'Absender (registrierter Kontakt)',
    sender: 'ayse.yilmaz@example.org',
    senderAuthentication: 'von SES bestätigt',
    documents: [],
    held: [],
    readProblems: [],
    sesMessageId: '0100019abc',
    checklist: [{ mark: 'x', label: label(0, l) }],
    newText: 'Ich kann am 15. April leider nicht kommen.',
    nextStep: 'Bitte schlagen Sie einen neuen Termin vor.',
  }),
  'caseworker-submissions': (l) => ({
    ...base(l),
    headline: 'Neue Unterlagen eingegangen (2 E-Mails)',
    submissions: [
      {
        receivedAt: '02.12.2026, 14:05',
        sender: 'ayse.yilmaz@example.org',
        senderAuthentication: 'von SES bestätigt',
        matchedBy: 'Aktenzeichen im Betreff',
      },
      {
        receivedAt: '02.12.2026, 14:07',
        sender: 'ayse.yilmaz@example.org',
        senderAuthentication: 'von SES bestätigt',
        matchedBy: 'Absender (registrierter Kontakt)',
      },
    ],
    documents: [{ filename: 'Reisepass.pdf', item: `${label(0, l)} (MRZ, sicher)` }],
    held: [{ filename: 'Unterlagen.zip', reason: 'gepacktes Archiv' }],
    readProblems: [],
    checklist: [
      { mark: 'x', label: label(0, l) },
      { mark: ' ', label: label(2, l) },
    ],
    texts: [{ receivedAt: '02.12.2026, 14:05', text: 'Anbei mein Reisepass.' }],
    nextStep: 'Die Antragstellerin hat eine Eingangsbestätigung mit den fehlenden Unterlagen erhalten.',
  }),
  'caseworker-query-unanswered': (l) => ({
    ...base(l),
    queriedOn: new Date('2026-11-18T09:00:00Z'),
    missing: [label(2, l)],
  }),
  'caseworker-undeliverable': (l) => ({ ...base(l), address: 'ayse.yilmaz@example.org', kind: 'Bounce' }),
  'caseworker-triage-digest': () => ({
    count: 2,
    waiting: 5,
    entries: [
      { receivedAt: '02.12.2026, 13:10', reason: 'unbekanntes Aktenzeichen', messageId: '0100019abc' },
      { receivedAt: '02.12.2026, 13:40', reason: 'Absender nicht registriert', messageId: '0100019abd' },
    ],
  }),
};

/** Every kind: German alone for caseworkers, German with the English courtesy translation for applicants. */
export function emailExamples(): string {
  const sections = (Object.keys(GERMAN.messages) as MessageKind[]).map((kind) => {
    const language: CaseLanguage = kind.startsWith('caseworker-') ? 'de' : 'en';
    const view = EXAMPLES[kind];
    const { subject, text } = renderMessage(kind, language, view, { timeZone: 'Europe/Berlin' });
    return `## \`${kind}\`\n\n**Subject:** ${subject}\n\n\`\`\`text\n${text}\n\`\`\`\n`;
  });
  return `# One example of every email\n\nWritten by \`npm run email-examples\` from the templates in \`functions/domain/templates/\`, with made-up values. Applicants get German (binding) with a courtesy translation in their case's language (here: English); caseworkers get German.\n\n${sections.join('\n')}`;
}

export const EXAMPLES_FILE = join(import.meta.dirname, '..', 'docs', 'emails.md');

if (import.meta.main) {
  await writeFile(EXAMPLES_FILE, emailExamples());
  console.log(`wrote ${EXAMPLES_FILE}`);
}
