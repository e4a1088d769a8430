import type { GermanMessages } from './message-types.ts';

/**
 * German texts. German is the official language of the procedure (§ 23 VwVfG): these are the
 * binding ones. ICU MessageFormat; conventions in message-types.ts.
 */
export const de: GermanMessages = {
  locale: 'de-DE',
  notice:
    'Unten folgt eine Übersetzung ({language}) als Service. Rechtlich verbindlich ist allein der deutsche Text (§ 23 Verwaltungsverfahrensgesetz: Die Amtssprache ist Deutsch).',
  messages: {
    query: {
      subject: 'Fehlende Unterlagen',
      body: `Guten Tag {applicantName},

{missing, plural,
  =0 {zu Ihrem Antrag ({requestTypeLabel}, Aktenzeichen {caseReference}) schreibt Ihnen Ihre Sachbearbeitung:

{caseworkerText}

Bitte antworten Sie auf diese E-Mail. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {caseReference}.}
  one {für Ihren Antrag ({requestTypeLabel}, Aktenzeichen {caseReference}) fehlt noch folgende Unterlage:}
  other {für Ihren Antrag ({requestTypeLabel}, Aktenzeichen {caseReference}) fehlen noch folgende # Unterlagen:}}

- {missing}


{missing, plural, =0 {} other {{caseworkerText, select, none {} other {Hinweis Ihrer Sachbearbeitung: {caseworkerText}}}

Bitte antworten Sie auf diese E-Mail und hängen Sie die Unterlagen als PDF oder Foto an. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {caseReference}.}}

Mit freundlichen Grüßen
{officeName}`,
    },
    'query-reminder': {
      subject: 'Erinnerung: fehlende Unterlagen',
      body: `Guten Tag {applicantName},

wir haben Sie am {queriedOn, date, medium} um Unterlagen für Ihren Antrag (Aktenzeichen {caseReference}) gebeten und bisher keine Antwort erhalten. {missing, plural, =0 {} one {Es fehlt noch:} other {Es fehlen noch # Unterlagen:}}

- {missing}

Bitte antworten Sie auf diese E-Mail und hängen Sie die Unterlagen an. Ohne diese Unterlagen können wir Ihren Antrag nicht weiter bearbeiten.

Mit freundlichen Grüßen
{officeName}`,
    },
    invitation: {
      subject: 'Einladung zum Termin am Service Point',
      body: `Guten Tag {applicantName},

Über Ihren Antrag (Aktenzeichen {caseReference}) ist entschieden: Ihrem Antrag wird stattgegeben. Damit wir Ihnen Ihr Dokument ausstellen können, kommen Sie bitte zu einem kurzen Termin:

{replaces, select, none {} other {Dieser Termin ersetzt Ihren bisherigen Termin am {replaces, date, appointment}. Der Kalendereintrag im Anhang ändert den bisherigen Eintrag.}}

- Datum und Uhrzeit: {appointment, date, appointment}
- Ort: {address}

Bitte bringen Sie mit:

- Ihren Reisepass und Ihren bisherigen Aufenthaltstitel
- die Gebühr von {fee} ({payment})

Beim Termin werden Ihre Unterschrift und Ihre Fingerabdrücke aufgenommen. Der Termin dauert etwa {durationMinutes, plural, one {eine Minute} other {# Minuten}}. Einen Kalendereintrag finden Sie im Anhang.

Wenn Sie den Termin nicht wahrnehmen können, antworten Sie bitte auf diese E-Mail; wir schlagen Ihnen dann einen neuen Termin vor.

Mit freundlichen Grüßen
{officeName}`,
    },
    'invitation-reminder': {
      subject:
        'Erinnerung: Ihr Termin {day, select, today {heute} tomorrow {morgen} other {am {appointment, date, medium}}}',
      body: `Guten Tag {applicantName},

wir erinnern Sie an Ihren Termin {day, select, today {heute} tomorrow {morgen} other {am {appointment, date, medium}}} (Aktenzeichen {caseReference}):

- Datum und Uhrzeit: {appointment, date, appointment}
- Ort: {address}

Bitte bringen Sie Ihren Reisepass, Ihren bisherigen Aufenthaltstitel und die Gebühr von {fee} mit.

Mit freundlichen Grüßen
{officeName}`,
    },
    'invitation-cancelled': {
      subject: 'Ihr Termin ist abgesagt',
      body: `Guten Tag {applicantName},

Ihr Termin am {appointment, date, appointment} (Aktenzeichen {caseReference}) ist abgesagt. Bitte kommen Sie zu diesem Termin nicht. Mit dem Anhang entfernt Ihr Kalender den Eintrag.

Sobald es einen neuen Termin gibt, schreiben wir Ihnen. Bei Fragen antworten Sie bitte auf diese E-Mail.

Mit freundlichen Grüßen
{officeName}`,
    },
    'triage-reply': {
      subject: 'Ihre Nachricht an {officeName}',
      body: `Guten Tag,

vielen Dank für Ihre Nachricht. Wir konnten sie keinem Vorgang zuordnen.

Bitte senden Sie Ihre Nachricht erneut und nennen Sie dabei Ihr Aktenzeichen (zum Beispiel im Betreff). Sie finden es in unseren Schreiben an Sie. Bitte senden Sie von der E-Mail-Adresse, die Sie in Ihrem Antrag angegeben haben.

Dies ist eine automatische Antwort.

Mit freundlichen Grüßen
{officeName}`,
    },
    'caseworker-notification': {
      subject: '{headline}',
      body: `{headline}

Vorgang: {caseReference} ({requestTypeLabel})
Eingang: {receivedAt}, zugeordnet über {matchedBy}
Absender: {sender} ({senderAuthentication})

Neue Unterlagen:

- {documents}
{documents, plural, =0 {- keine} other {}}

{held, plural, =0 {} other {Zurückgehalten (liegt in Quarantäne, bitte prüfen):}}

- {held}

{readProblems, plural, =0 {} other {Nicht vollständig gelesen (die Original-E-Mail ist unverändert gespeichert, SES-Nachrichten-ID {sesMessageId}):}}

- {readProblems}

Checkliste:

- {checklist}

{newText, select, none {} other {Text der Nachricht:

{newText}}}

{nextStep}`,
      items: {
        documents: '{filename} → {item}',
        held: '{filename}: {reason}',
        readProblems: '{text}',
        checklist: '[{mark}] {label}',
      },
    },
    'caseworker-query-unanswered': {
      subject: 'Rückfrage unbeantwortet',
      body: `Die Rückfrage im Vorgang {caseReference} vom {queriedOn, date, medium} ist trotz Erinnerung unbeantwortet.

Noch fehlend:

- {missing}

Bitte entscheiden Sie über das weitere Vorgehen (z. B. Rückfrage per Post).`,
    },
    'caseworker-undeliverable': {
      subject: 'E-Mail-Adresse nicht erreichbar',
      body: `Im Vorgang {caseReference} konnte eine E-Mail an {address} nicht zugestellt werden ({kind}).

Automatische E-Mails an diese Adresse werden nicht mehr versandt. Bitte schreiben Sie der antragstellenden Person per Post.`,
    },
    'case-opened': {
      subject: 'Ihr Antrag: diese Unterlagen brauchen wir',
      body: `Guten Tag {applicantName},

wir haben Ihren Antrag ({requestTypeLabel}) unter dem Aktenzeichen {caseReference} angelegt. Bitte senden Sie uns diese Unterlagen:

- {items}

Senden Sie die Unterlagen als PDF oder Foto per E-Mail an {intakeAddress} oder antworten Sie einfach auf diese E-Mail. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {caseReference}. Nach jeder Sendung bestätigen wir Ihnen, was angekommen ist und was noch fehlt.

Mit freundlichen Grüßen
{officeName}`,
      items: { items: '{label}' },
    },
    'submission-received': {
      subject: 'Eingangsbestätigung',
      body: `Guten Tag {applicantName},

vielen Dank. Zu Ihrem Antrag ({requestTypeLabel}, Aktenzeichen {caseReference}) ist bei uns angekommen:

- {received}
{received, plural, =0 {- keine Unterlagen, die wir annehmen konnten} other {}}

{notAccepted, plural, =0 {} other {Diese Dateien konnten wir nicht annehmen:}}

- {notAccepted}

{waiting, plural, =0 {} other {Diese Dateien sehen wir uns noch an; was sie enthalten, fragen wir nicht erneut nach:}}

- {waiting}

{missing, plural, =0 {} one {Es fehlt noch folgende Unterlage:} other {Es fehlen noch folgende # Unterlagen:}}

- {missing}

{missing, plural, =0 {{waiting, plural, =0 {Ihre Unterlagen sind vollständig; Sie müssen nichts weiter senden.} other {Sobald wir diese Dateien angesehen haben, sagen wir Ihnen, ob noch etwas fehlt.}}} other {Bitte antworten Sie auf diese E-Mail und hängen Sie die Unterlagen als PDF oder Foto an. Nennen Sie bei jeder Nachricht Ihr Aktenzeichen {caseReference}.}}

Mit freundlichen Grüßen
{officeName}`,
      items: {
        received: '{filename}: {item}',
        notAccepted: '{filename}: {reason}',
        waiting: '{filename}',
        missing: '{label}',
      },
    },
    'file-complete': {
      subject: 'Ihre Unterlagen sind vollständig',
      body: `Guten Tag {applicantName},

vielen Dank. Mit dieser Sendung sind Ihre Unterlagen für Ihren Antrag ({requestTypeLabel}, Aktenzeichen {caseReference}) vollständig. Angekommen ist:

- {received}

{notAccepted, plural, =0 {} other {Diese Dateien konnten wir nicht annehmen (für die Vollständigkeit brauchen wir sie nicht):}}

- {notAccepted}

Wie es weitergeht: Ihre Sachbearbeitung prüft jetzt Ihren Antrag. Sie müssen nichts weiter senden. Wenn wir noch etwas brauchen, schreiben wir Ihnen; sonst laden wir Sie zu einem Termin ein, bei dem Sie Ihr Dokument erhalten.

Mit freundlichen Grüßen
{officeName}`,
      items: { received: '{filename}: {item}', notAccepted: '{filename}: {reason}' },
    },
    'triage-received': {
      subject: 'Ihre Nachricht an {officeName}',
      body: `Guten Tag,

vielen Dank für Ihre Nachricht. Sie ist bei uns eingegangen. Eine Sachbearbeiterin oder ein Sachbearbeiter ordnet sie dem genannten Vorgang zu; Sie müssen sie nicht noch einmal senden.

Dies ist eine automatische Antwort.

Mit freundlichen Grüßen
{officeName}`,
    },
    'triage-question': {
      subject: 'Ihre Nachricht an {officeName}',
      body: `Guten Tag,

vielen Dank für Ihre Nachricht. An diese Adresse senden Antragstellende ihre Unterlagen; Fragen beantworten wir hier nicht automatisch. So erreichen Sie uns:

- {contactOptions}

Wenn Sie schon einen Antrag gestellt haben, nennen Sie bitte Ihr Aktenzeichen.

Dies ist eine automatische Antwort.

Mit freundlichen Grüßen
{officeName}`,
      items: { contactOptions: '{line}' },
    },
    'caseworker-submissions': {
      subject: '{headline}',
      body: `{headline}

Vorgang: {caseReference} ({requestTypeLabel})

Eingänge:

- {submissions}

Neue Unterlagen:

- {documents}
{documents, plural, =0 {- keine} other {}}

{held, plural, =0 {} other {Zurückgehalten (liegt in Quarantäne, bitte prüfen):}}

- {held}

{readProblems, plural, =0 {} other {Nicht vollständig gelesen (die Original-E-Mail ist unverändert gespeichert):}}

- {readProblems}

Checkliste:

- {checklist}

{texts, plural, =0 {} other {Texte der Nachrichten:}}

- {texts}

{nextStep}`,
      items: {
        submissions: '{receivedAt}: {sender} ({senderAuthentication}), zugeordnet über {matchedBy}',
        documents: '{filename} → {item}',
        held: '{filename}: {reason}',
        readProblems: '{text}',
        checklist: '[{mark}] {label}',
        texts: '{receivedAt}: {text}',
      },
    },
    'caseworker-triage-digest': {
      subject:
        'Triage: {count, plural, one {eine neue E-Mail wartet} other {# neue E-Mails warten}} auf Zuordnung',
      body: `Seit der letzten Übersicht {count, plural, one {ist eine E-Mail} other {sind # E-Mails}} in der Triage gelandet, die niemandem automatisch zugeordnet werden konnten:

- {entries}

Insgesamt {waiting, plural, one {wartet eine E-Mail} other {warten # E-Mails}}. Bitte ordnen Sie sie in der Konsole (Eingang) zu, oder mit intake triage list, dann intake triage assign NACHRICHTEN-ID AKTENZEICHEN.

Diese Übersicht kommt höchstens einmal pro Stunde.`,
      items: { entries: '{receivedAt}: {reason} (SES-Nachrichten-ID {messageId})' },
    },
  },
};
