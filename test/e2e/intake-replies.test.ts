import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestPipeline, type SentEmail, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf } from '../helpers/sample-documents.ts';

/**
 * What applicants and caseworkers experience after an email arrives: SMTP in, the system's own
 * copy of what it sent (and the SES stand-in's store) out.
 */
const fixtures = join(import.meta.dirname, '..', 'fixtures');

function header(email: SentEmail, name: string): string {
  const value = email.headers.get(name);
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'text' in value) return String(value.text);
  return JSON.stringify(value);
}

describe('IntakeWorkflow replies (SMTP in → outbox out)', () => {
  let pipeline: TestPipeline;

  before(async () => {
    pipeline = await startTestPipeline();
  });

  after(async () => {
    await pipeline?.stop();
  });

  async function sendAndWait(message: Parameters<TestPipeline['send']>[0]): Promise<string> {
    const messageId = await pipeline.send(message);
    const execution = await pipeline.runtime.waitForExecution(messageId);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    return messageId;
  }

  async function sentSince(count: number): Promise<SentEmail[]> {
    return (await pipeline.outbox()).slice(count);
  }

  it('a partial submission: the applicant gets one acknowledgement listing what arrived and exactly what is missing, the caseworker is told', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'John Smith',
      contacts: ['john.smith@example.com'],
      language: 'en',
      requestType: 'eu-blue-card',
      caseworker: 'team.blue@intake.example.org',
    });
    const before = (await pipeline.outbox()).length;

    await sendAndWait({
      from: 'John Smith <john.smith@example.com>',
      to: pipeline.intakeAddress,
      subject: `Documents ${reference}`,
      text: 'Hello, here are my passport and my employment contract.',
      attachments: [
        { filename: 'passport.pdf', content: samplePdf('passport'), contentType: 'application/pdf' },
        {
          filename: 'employment contract.pdf',
          content: samplePdf('contract'),
          contentType: 'application/pdf',
        },
      ],
    });

    const sent = await sentSince(before);
    assert.equal(sent.length, 2);
    const [query, notification] = sent as [SentEmail, SentEmail];
    assert.deepEqual(notification.to, ['team.blue@intake.example.org']);
    assert.match(notification.subject, new RegExp(`\\[${reference}\\] Neue Unterlagen eingegangen`));
    assert.match(notification.text, /passport\.pdf → Gültiger Reisepass/);
    // Who sent it, and whether SES authenticated that, always stands in the notification.
    assert.match(
      notification.text,
      /Uhr: john\.smith@example\.com \(von SES authentifiziert: SPF PASS, DKIM PASS, DMARC PASS\)/,
    );
    assert.match(notification.text, /\[ \] Biometrisches Passfoto/);
    assert.equal(notification.attachments.length, 0);

    assert.deepEqual(query.to, ['john.smith@example.com']);
    assert.equal(query.subject, `[${reference}] Eingangsbestätigung / Confirmation of receipt`);
    const missingDe = [
      'Biometrisches Passfoto',
      'Ausgefüllter Antrag',
      'Hochschulabschluss und Anerkennung',
      'Nachweis der Krankenversicherung',
      'Meldebescheinigung oder Wohnungsgeberbestätigung',
    ];
    const missingEn = [
      'Biometric passport photo',
      'Completed application form',
      'University degree and its recognition',
      'Proof of health insurance',
      "Registration certificate or landlord's confirmation",
    ];
    const listed = query.text
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2));
    // What arrived (each with the checklist item it covers), then exactly what is missing.
    assert.deepEqual(listed, [
      'employment contract.pdf: Arbeitsvertrag oder Arbeitgeberbescheinigung',
      'passport.pdf: Gültiger Reisepass (alle Seiten mit Einträgen)',
      ...missingDe,
      "employment contract.pdf: Employment contract or employer's certificate",
      'passport.pdf: Valid passport (all pages with entries)',
      ...missingEn,
    ]);
    assert.ok(
      query.text.indexOf('Guten Tag') < query.text.indexOf('Dear John Smith'),
      'German (binding) comes first',
    );
    assert.match(query.html, /<li><bdi>Biometrisches Passfoto<\/bdi><\/li>/);
    assert.equal(header(query, 'auto-submitted'), 'auto-generated');
    assert.equal(header(query, 'x-auto-response-suppress'), 'All');
    assert.match(
      header(query, 'reply-to'),
      new RegExp(`unterlagen\\+${reference}\\.[a-z0-9_-]{16}@intake\\.example\\.org`, 'i'),
    );
    assert.match(header(query, 'references'), /<intake-[0-9a-f-]+@intake\.example\.org>/);

    const store = await pipeline.sesStore();
    assert.ok(
      store.some((e) => e.destination.to.includes('john.smith@example.com')),
      'SES was asked to send the query',
    );
  });

  it('a complete submission: the case is ready for review, the applicant is told it is complete and what happens next, the caseworker is told', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Complete',
      contacts: ['complete.applicant@example.org'],
      requestType: 'eu-blue-card',
    });
    const before = (await pipeline.outbox()).length;
    const names = [
      'Reisepass',
      'Foto',
      'Antrag',
      'Arbeitsvertrag',
      'Diplom',
      'Krankenversicherung',
      'Meldebescheinigung',
    ];

    await sendAndWait({
      from: 'complete.applicant@example.org',
      to: pipeline.intakeAddress,
      subject: reference,
      text: 'Alle Unterlagen anbei.',
      attachments: names.map((name) => ({ filename: `${name}.pdf`, content: samplePdf(name) })),
    });

    const [complete, notification, ...more] = await sentSince(before);
    assert.equal(more.length, 0);
    assert.deepEqual(complete!.to, ['complete.applicant@example.org']);
    assert.equal(complete!.subject, `[${reference}] Ihre Unterlagen sind vollständig`);
    assert.match(complete!.text, /Wie es weitergeht: Ihre Sachbearbeitung prüft jetzt Ihren Antrag/);
    assert.match(complete!.text, /- Diplom\.pdf: Hochschulabschluss und Anerkennung/);
    const sent = [notification!];
    assert.match(sent[0]!.subject, /Vorgang vollständig, bereit zur Prüfung/);
    const unticked = sent[0]!.text.split('\n').filter((line) => line.startsWith('- [ ]'));
    assert.ok(
      unticked.every((line) => line.endsWith('(optional)')),
      'no required item is unticked',
    );
    assert.match(sent[0]!.text, /zugeordnet über Aktenzeichen/);
    assert.equal((await pipeline.showCase.run(reference))!.case.status, 'ready-for-review');
  });

  it('the reply to the query is matched by its thread and, now complete, asks nothing more', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Lena Novak',
      contacts: ['lena.novak@example.org'],
      requestType: 'eu-blue-card',
    });
    const before = (await pipeline.outbox()).length;
    await sendAndWait({
      from: 'lena.novak@example.org',
      to: pipeline.intakeAddress,
      subject: reference,
      text: 'Anbei.',
      attachments: ['Reisepass', 'Foto', 'Antrag', 'Arbeitsvertrag'].map((name) => ({
        filename: `${name}.pdf`,
        content: samplePdf(name),
      })),
    });
    const query = (await sentSince(before)).find((e) => e.to.includes('lena.novak@example.org'))!;
    assert.ok(query, 'a query was sent');

    // The applicant answers from her other address (which the caseworker registered as a contact
    // of the case: only a contact may add documents), to the signed reply address, without the
    // reference.
    await pipeline.cases.addContact(reference, 'lena.work@example.com');
    const afterQuery = (await pipeline.outbox()).length;
    const replyTo = header(query, 'reply-to')
      .replace(/^.*<|>.*$/g, '')
      .replace(/^"|"$/g, '');
    const messageId = await sendAndWait({
      from: 'lena.work@example.com',
      to: replyTo,
      subject: 'Re: Fehlende Unterlagen',
      inReplyTo: query.messageId,
      references: [query.messageId],
      text: 'Hier der Rest.',
      attachments: ['Diplom', 'Krankenversicherung', 'Meldebescheinigung'].map((name) => ({
        filename: `${name}.pdf`,
        content: samplePdf(name),
      })),
    });

    const execution = await pipeline.runtime.waitForExecution(messageId);
    const output = JSON.parse(execution.output!) as {
      match: { outcome: string; by: string };
      recorded: { complete: boolean; next: string };
    };
    assert.deepEqual([output.match.outcome, output.match.by], ['Matched', 'reply-address']);
    assert.deepEqual([output.recorded.complete, output.recorded.next], [true, 'ReadyForReview']);
    const sent = await sentSince(afterQuery);
    assert.equal(sent.length, 2, 'the applicant is told the file is complete, then the caseworker');
    assert.ok(sent[0]!.to.includes('lena.novak@example.org'));
    assert.match(sent[0]!.subject, /Ihre Unterlagen sind vollständig/);
    assert.match(sent[1]!.subject, /Vorgang vollständig, bereit zur Prüfung/);
    assert.equal((await pipeline.showCase.run(reference))!.case.status, 'ready-for-review');
  });

  it('five emails in a row produce one query, not five', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Eager',
      contacts: ['eager@example.org'],
    });
    const before = (await pipeline.outbox()).length;
    for (const name of ['Reisepass', 'Foto', 'Antrag', 'Mietvertrag', 'Gehaltsabrechnung']) {
      await sendAndWait({
        from: 'eager@example.org',
        to: pipeline.intakeAddress,
        subject: reference,
        text: name,
        attachments: [{ filename: `${name}.pdf`, content: samplePdf(name) }],
      });
    }
    const queries = (await sentSince(before)).filter((e) => e.to.includes('eager@example.org'));
    assert.equal(queries.length, 1);
  });

  it('a damaged email: what could be read reaches the case, the caseworker learns what is missing and where the original is', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse.yilmaz@example.org'],
      requestType: 'eu-blue-card',
      caseworker: 'team.red@intake.example.org',
    });
    const before = (await pipeline.outbox()).length;
    const base64 = (bytes: Buffer): string => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
    const part = (filename: string, body: string): string =>
      `--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="${filename}"\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${body}\r\n`;
    // The connection of the sender's phone dropped: the second file and the closing boundary never came.
    const raw =
      `From: Ayşe Yılmaz <ayse.yilmaz@example.org>\r\nTo: ${pipeline.intakeAddress}\r\n` +
      `Subject: Unterlagen ${reference}\r\nMessage-ID: <damaged-1@example.org>\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/mixed; boundary="b1"\r\n\r\n` +
      `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei Pass und Vertrag.\r\n` +
      part('Reisepass.pdf', base64(samplePdf('passport'))) +
      part('Arbeitsvertrag.pdf', base64(samplePdf('contract')).slice(0, 300));

    const messageId = await sendAndWait({
      envelope: { from: 'ayse.yilmaz@example.org', to: [pipeline.intakeAddress] },
      raw,
    });

    const [notification] = (await sentSince(before)).filter((e) =>
      e.to.includes('team.red@intake.example.org'),
    );
    assert.ok(notification, 'the caseworker is told');
    assert.match(notification.text, /Reisepass\.pdf → Gültiger Reisepass/);
    assert.match(
      notification.text,
      new RegExp(
        'Nicht vollständig gelesen \\(die Original-E-Mail ist unverändert gespeichert\\):\n\n' +
          `- Die E-Mail endet unvollständig; es kann etwas fehlen, das der Absender schicken wollte\\. \\(SES-Nachrichten-ID ${messageId}\\)`,
      ),
    );
    const inbound = pipeline.bucket('INBOUND_BUCKET');
    assert.ok(
      (await pipeline.listKeys(inbound, '')).some((key) => key.endsWith(messageId)),
      'the original is kept',
    );
  });

  it('an email with only text: the caseworker is told, no automatic query', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Frage',
      contacts: ['frage@example.org'],
    });
    const before = (await pipeline.outbox()).length;
    await sendAndWait({
      from: 'frage@example.org',
      to: pipeline.intakeAddress,
      subject: `Frage zu ${reference}`,
      text: 'Wie lange dauert es noch?',
    });
    const sent = await sentSince(before);
    assert.deepEqual(
      sent.map((e) => e.to),
      [['sachbearbeitung@intake.example.org']].map(() => sent[0]!.to),
    );
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.subject, /Neue Nachricht ohne Anhang/);
    assert.match(sent[0]!.text, /Wie lange dauert es noch\?/);
  });

  it('an unknown sender gets a generic reply that reveals nothing, once, and the email waits in triage', async () => {
    const before = (await pipeline.outbox()).length;
    const first = await sendAndWait({
      from: 'unknown.person@example.net',
      to: pipeline.intakeAddress,
      subject: 'Unterlagen',
      text: 'Hallo',
      messageId: '<first-contact@example.net>',
    });
    await sendAndWait({
      from: 'unknown.person@example.net',
      to: pipeline.intakeAddress,
      subject: 'Nochmal',
      text: 'Hallo?',
    });

    const sent = await sentSince(before);
    assert.equal(sent.length, 1, 'one reply per sender and period');
    const [reply] = sent as [SentEmail];
    assert.deepEqual(reply.to, ['unknown.person@example.net']);
    assert.equal(header(reply, 'auto-submitted'), 'auto-replied');
    assert.equal(header(reply, 'in-reply-to'), '<first-contact@example.net>');
    assert.doesNotMatch(reply.text, /ABH-\d{4}/);
    assert.doesNotMatch(reply.subject, /\[/);
    assert.equal((await pipeline.triage.get(first))?.reason, 'no-match');
  });

  it('automatic mail with documents (an auto-forward) reaches the case, but nothing answers it', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Forward',
      contacts: ['forward@example.org'],
    });
    const before = (await pipeline.outbox()).length;

    const messageId = await sendAndWait({
      from: 'forward@example.org',
      to: pipeline.intakeAddress,
      subject: `Fwd: ${reference}`,
      text: 'Automatisch weitergeleitet.',
      headers: { 'Auto-Submitted': 'auto-forwarded' },
      attachments: [{ filename: 'Reisepass.pdf', content: samplePdf('Reisepass') }],
    });

    const execution = await pipeline.runtime.waitForExecution(messageId);
    const output = JSON.parse(execution.output!) as {
      screening: { autoReplyAllowed: boolean };
      query: { reason: string };
    };
    assert.equal(output.screening.autoReplyAllowed, false);
    assert.equal(output.query.reason, 'automatic-mail');
    assert.equal((await pipeline.showCase.run(reference))!.documents.length, 1);
    const sent = await sentSince(before);
    assert.deepEqual(
      sent.map((e) => e.to[0]),
      ['team@intake.example.org'],
      'only the caseworker is told',
    );
  });

  it('calendar answers: an accept is logged, a decline is told to the caseworker; neither is a document or completes anything', async () => {
    for (const reference of ['ABH-2026-004711', 'ABH-2026-004712']) {
      await pipeline.openCase.run({
        applicantName: 'Ayşe Yılmaz',
        contacts: ['ayse.reply@example.org'],
        reference,
        caseworker: 'team.calendar@intake.example.org',
      });
    }
    const before = (await pipeline.outbox()).length;

    for (const fixture of ['calendar-reply-accepted.eml', 'calendar-reply-declined.eml']) {
      const id = await pipeline.send({
        envelope: { from: 'ayse.reply@example.org', to: [pipeline.intakeAddress] },
        raw: await readFile(join(fixtures, fixture)),
      });
      const execution = await pipeline.runtime.waitForExecution(id);
      assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    }

    const sent = await sentSince(before);
    assert.deepEqual(
      sent.map((e) => [e.to[0], e.subject]),
      [['team.calendar@intake.example.org', '[ABH-2026-004712] Termin abgesagt']],
      'only the decline is told, only to the caseworker',
    );
    assert.match(sent[0]!.text, /hat den Termin abgesagt/);
    assert.match(sent[0]!.text, /Ich kann an diesem Tag leider nicht\./);
    assert.doesNotMatch(sent[0]!.text, /vollständig|Quarantäne|calendar/);
    for (const [reference, answer] of [
      ['ABH-2026-004711', 'Termin zugesagt'],
      ['ABH-2026-004712', 'Termin abgesagt'],
    ] as const) {
      const shown = (await pipeline.showCase.run(reference))!;
      assert.equal(shown.documents.length, 0);
      assert.equal(shown.case.status, 'open');
      const inbound = shown.log.filter((entry) => entry.direction === 'in');
      assert.equal(inbound.length, 1);
      assert.match(inbound[0]!.note, new RegExp(answer));
    }
  });

  it('an out-of-office reply and a bounce get no reply at all', async () => {
    const before = (await pipeline.outbox()).length;
    const outOfOffice = await readFile(join(fixtures, 'out-of-office-auto-submitted.eml'));
    const bounce = await readFile(join(fixtures, 'bounce-multipart-report.eml'));
    const ids = [
      await pipeline.send({
        envelope: { from: 'someone@example.org', to: [pipeline.intakeAddress] },
        raw: outOfOffice,
      }),
      await pipeline.send({ envelope: { from: '', to: [pipeline.intakeAddress] }, raw: bounce }),
    ];
    for (const id of ids) {
      const execution = await pipeline.runtime.waitForExecution(id);
      const output = JSON.parse(execution.output!) as { screening: { outcome: string } };
      assert.equal(output.screening.outcome, 'AutomaticMail');
    }
    assert.equal((await sentSince(before)).length, 0);
  });
});
