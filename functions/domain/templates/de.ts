import type { MessageTemplates } from './template-types.ts';

/**
 * German templates. German is the official language of the procedure: these texts are the
 * binding ones. Lines starting with "- " are list items; blank lines separate paragraphs.
 */
export const de: MessageTemplates = {
  query: {
    subject: 'Fehlende Unterlagen',
    body: `Guten Tag {{applicantName}},

{{#missing.length}}
für Ihren Antrag ({{requestTypeLabel}}, Aktenzeichen {{caseReference}}) fehlen noch folgende Unterlagen:

{{#missing}}
- {{label}}
{{/missing}}

{{#caseworkerText}}
Hinweis Ihrer Sachbearbeitung: {{caseworkerText}}

{{/caseworkerText}}
Bitte antworten Sie auf diese E-Mail und hängen Sie die Unterlagen als PDF oder Foto an. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {{caseReference}}.
{{/missing.length}}
{{^missing.length}}
zu Ihrem Antrag ({{requestTypeLabel}}, Aktenzeichen {{caseReference}}) schreibt Ihnen Ihre Sachbearbeitung:

{{caseworkerText}}

Bitte antworten Sie auf diese E-Mail. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {{caseReference}}.
{{/missing.length}}

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'query-reminder': {
    subject: 'Erinnerung: fehlende Unterlagen',
    body: `Guten Tag {{applicantName}},

wir haben Sie am {{queriedOn}} um Unterlagen für Ihren Antrag (Aktenzeichen {{caseReference}}) gebeten und bisher keine Antwort erhalten. Es fehlen noch:

{{#missing}}
- {{label}}
{{/missing}}

Bitte antworten Sie auf diese E-Mail und hängen Sie die Unterlagen an. Ohne diese Unterlagen können wir Ihren Antrag nicht weiter bearbeiten.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  invitation: {
    subject: 'Einladung zum Termin am Service Point',
    body: `Guten Tag {{applicantName}},

wir haben über Ihren Antrag ({{requestTypeLabel}}, Aktenzeichen {{caseReference}}) entschieden: Ihrem Antrag wird stattgegeben. Damit wir Ihnen Ihr Dokument ausstellen können, kommen Sie bitte zu einem kurzen Termin:

{{#replaces}}
Dieser Termin ersetzt Ihren bisherigen Termin am {{replaces}}. Der Kalendereintrag im Anhang ändert den bisherigen Eintrag.

{{/replaces}}
- Datum und Uhrzeit: {{appointment}}
- Ort: {{address}}

Bitte bringen Sie mit:

- Ihren Reisepass und Ihren bisherigen Aufenthaltstitel
- die Gebühr von {{fee}} ({{payment}})

Beim Termin werden Ihre Unterschrift und Ihre Fingerabdrücke aufgenommen. Der Termin dauert etwa {{durationMinutes}} Minuten. Einen Kalendereintrag finden Sie im Anhang.

Wenn Sie den Termin nicht wahrnehmen können, antworten Sie bitte auf diese E-Mail; wir schlagen Ihnen dann einen neuen Termin vor.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'invitation-reminder': {
    subject: 'Erinnerung: Ihr Termin {{when}}',
    body: `Guten Tag {{applicantName}},

wir erinnern Sie an Ihren Termin {{when}} (Aktenzeichen {{caseReference}}):

- Datum und Uhrzeit: {{appointment}}
- Ort: {{address}}

Bitte bringen Sie Ihren Reisepass, Ihren bisherigen Aufenthaltstitel und die Gebühr von {{fee}} mit.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'invitation-cancelled': {
    subject: 'Ihr Termin ist abgesagt',
    body: `Guten Tag {{applicantName}},

Ihr Termin am {{appointment}} (Aktenzeichen {{caseReference}}) ist abgesagt. Bitte kommen Sie zu diesem Termin nicht. Mit dem Anhang entfernt Ihr Kalender den Eintrag.

Sobald es einen neuen Termin gibt, schreiben wir Ihnen. Bei Fragen antworten Sie bitte auf diese E-Mail.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'triage-reply': {
    subject: 'Ihre Nachricht an {{officeName}}',
    body: `Guten Tag,

vielen Dank für Ihre Nachricht. Wir konnten sie keinem Vorgang zuordnen.

Bitte senden Sie Ihre Nachricht erneut und nennen Sie dabei Ihr Aktenzeichen (zum Beispiel im Betreff). Sie finden es in unseren Schreiben an Sie. Bitte senden Sie von der E-Mail-Adresse, die Sie in Ihrem Antrag angegeben haben.

Dies ist eine automatische Antwort.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'caseworker-notification': {
    subject: '{{headline}}',
    body: `{{headline}}

Vorgang: {{caseReference}} ({{requestTypeLabel}})
Eingang: {{receivedAt}}, zugeordnet über {{matchedBy}}
Absender: {{sender}} ({{senderAuthentication}})

Neue Unterlagen:

{{#documents}}
- {{filename}} → {{item}}
{{/documents}}
{{^documents}}
- keine
{{/documents}}

{{#held.length}}
Zurückgehalten (liegt in Quarantäne, bitte prüfen):

{{/held.length}}
{{#held}}
- {{filename}}: {{reason}}
{{/held}}

{{#readProblems.length}}
Nicht vollständig gelesen (die Original-E-Mail ist unverändert gespeichert, SES-Nachrichten-ID {{sesMessageId}}):

{{/readProblems.length}}
{{#readProblems}}
- {{text}}
{{/readProblems}}

Checkliste:

{{#checklist}}
- [{{mark}}] {{label}}
{{/checklist}}

{{#newText}}
Text der Nachricht:

{{newText}}

{{/newText}}
{{nextStep}}`,
  },
  'caseworker-query-unanswered': {
    subject: 'Rückfrage unbeantwortet',
    body: `Die Rückfrage im Vorgang {{caseReference}} vom {{queriedOn}} ist trotz Erinnerung unbeantwortet.

Noch fehlend:

{{#missing}}
- {{label}}
{{/missing}}

Bitte entscheiden Sie über das weitere Vorgehen (z. B. Rückfrage per Post).`,
  },
  'caseworker-undeliverable': {
    subject: 'E-Mail-Adresse nicht erreichbar',
    body: `Im Vorgang {{caseReference}} konnte eine E-Mail an {{address}} nicht zugestellt werden ({{kind}}).

Automatische E-Mails an diese Adresse werden nicht mehr versandt. Bitte schreiben Sie der antragstellenden Person per Post.`,
  },
  'case-opened': {
    subject: 'Ihr Antrag: diese Unterlagen brauchen wir',
    body: `Guten Tag {{applicantName}},

wir haben Ihren Antrag ({{requestTypeLabel}}) unter dem Aktenzeichen {{caseReference}} angelegt. Bitte senden Sie uns diese Unterlagen:

{{#items}}
- {{label}}
{{/items}}

Senden Sie die Unterlagen als PDF oder Foto per E-Mail an {{intakeAddress}} oder antworten Sie einfach auf diese E-Mail. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {{caseReference}}. Nach jeder Sendung bestätigen wir Ihnen, was angekommen ist und was noch fehlt.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'submission-received': {
    subject: 'Eingangsbestätigung',
    body: `Guten Tag {{applicantName}},

vielen Dank. Zu Ihrem Antrag ({{requestTypeLabel}}, Aktenzeichen {{caseReference}}) ist bei uns angekommen:

{{#received}}
- {{filename}}: {{item}}
{{/received}}
{{^received}}
- keine Unterlagen, die wir annehmen konnten
{{/received}}

{{#notAccepted.length}}
Diese Dateien konnten wir nicht annehmen:

{{/notAccepted.length}}
{{#notAccepted}}
- {{filename}}: {{reason}}
{{/notAccepted}}

{{#missing.length}}
Es fehlen noch folgende Unterlagen:

{{/missing.length}}
{{#missing}}
- {{label}}
{{/missing}}

{{#missing.length}}
Bitte antworten Sie auf diese E-Mail und hängen Sie die Unterlagen als PDF oder Foto an. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {{caseReference}}.
{{/missing.length}}
{{^missing.length}}
Ihre Unterlagen sind vollständig; Sie müssen nichts weiter senden.
{{/missing.length}}

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'file-complete': {
    subject: 'Ihre Unterlagen sind vollständig',
    body: `Guten Tag {{applicantName}},

vielen Dank. Mit dieser Sendung sind Ihre Unterlagen für Ihren Antrag ({{requestTypeLabel}}, Aktenzeichen {{caseReference}}) vollständig. Angekommen ist:

{{#received}}
- {{filename}}: {{item}}
{{/received}}

{{#notAccepted.length}}
Diese Dateien konnten wir nicht annehmen (für die Vollständigkeit brauchen wir sie nicht):

{{/notAccepted.length}}
{{#notAccepted}}
- {{filename}}: {{reason}}
{{/notAccepted}}

Wie es weitergeht: Ihre Sachbearbeitung prüft jetzt Ihren Antrag. Sie müssen nichts weiter senden. Wenn wir noch etwas brauchen, schreiben wir Ihnen; sonst laden wir Sie zu einem Termin ein, bei dem Sie Ihr Dokument erhalten.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'triage-received': {
    subject: 'Ihre Nachricht an {{officeName}}',
    body: `Guten Tag,

vielen Dank für Ihre Nachricht. Sie ist bei uns eingegangen. Eine Sachbearbeiterin oder ein Sachbearbeiter ordnet sie dem genannten Vorgang zu; Sie müssen sie nicht noch einmal senden.

Dies ist eine automatische Antwort.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'triage-question': {
    subject: 'Ihre Nachricht an {{officeName}}',
    body: `Guten Tag,

vielen Dank für Ihre Nachricht. An diese Adresse senden Antragstellende ihre Unterlagen; Fragen beantworten wir hier nicht automatisch. So erreichen Sie uns:

{{#contactOptions}}
- {{line}}
{{/contactOptions}}

Wenn Sie schon einen Antrag gestellt haben, nennen Sie bitte Ihr Aktenzeichen.

Dies ist eine automatische Antwort.

Mit freundlichen Grüßen
{{officeName}}`,
  },
  'caseworker-submissions': {
    subject: '{{headline}}',
    body: `{{headline}}

Vorgang: {{caseReference}} ({{requestTypeLabel}})

Eingänge:

{{#submissions}}
- {{receivedAt}}: {{sender}} ({{senderAuthentication}}), zugeordnet über {{matchedBy}}
{{/submissions}}

Neue Unterlagen:

{{#documents}}
- {{filename}} → {{item}}
{{/documents}}
{{^documents}}
- keine
{{/documents}}

{{#held.length}}
Zurückgehalten (liegt in Quarantäne, bitte prüfen):

{{/held.length}}
{{#held}}
- {{filename}}: {{reason}}
{{/held}}

{{#readProblems.length}}
Nicht vollständig gelesen (die Original-E-Mail ist unverändert gespeichert):

{{/readProblems.length}}
{{#readProblems}}
- {{text}}
{{/readProblems}}

Checkliste:

{{#checklist}}
- [{{mark}}] {{label}}
{{/checklist}}

{{#texts}}
Text der Nachricht vom {{receivedAt}}:

{{text}}

{{/texts}}
{{nextStep}}`,
  },
  'triage-digest': {
    subject: 'Triage: {{count}} neue E-Mail(s) warten auf Zuordnung',
    body: `Seit der letzten Übersicht sind {{count}} E-Mail(s) in der Triage gelandet, die niemandem automatisch zugeordnet werden konnten:

{{#entries}}
- {{receivedAt}}: {{reason}} (SES-Nachrichten-ID {{messageId}})
{{/entries}}

Insgesamt warten {{waiting}} E-Mail(s). Bitte ordnen Sie sie zu: intake triage list, dann intake triage assign NACHRICHTEN-ID AKTENZEICHEN.

Diese Übersicht kommt höchstens einmal pro Stunde.`,
  },
};
