import type { MessageTemplates } from './template-types.ts';

/**
 * English templates: the courtesy translation under the binding German text (and the text for
 * caseworkers who work in English). Same variables as `de.ts`, same markup.
 */
export const en: MessageTemplates = {
  query: {
    subject: 'Missing documents',
    body: `Dear {{applicantName}},

{{#missing.length}}
for your application ({{requestTypeLabel}}, case reference {{caseReference}}) we still need the following documents:

{{#missing}}
- {{label}}
{{/missing}}

{{#caseworkerText}}
A note from your caseworker: {{caseworkerText}}

{{/caseworkerText}}
Please reply to this email and attach the documents as PDF files or photos. Please always mention your case reference {{caseReference}}.
{{/missing.length}}
{{^missing.length}}
about your application ({{requestTypeLabel}}, case reference {{caseReference}}), your caseworker writes:

{{caseworkerText}}

Please reply to this email. Please always mention your case reference {{caseReference}}.
{{/missing.length}}

Kind regards
{{officeName}}`,
  },
  'query-reminder': {
    subject: 'Reminder: missing documents',
    body: `Dear {{applicantName}},

on {{queriedOn}} we asked you for documents for your application (case reference {{caseReference}}) and have not received an answer yet. Still missing:

{{#missing}}
- {{label}}
{{/missing}}

Please reply to this email and attach the documents. We cannot continue with your application without them.

Kind regards
{{officeName}}`,
  },
  invitation: {
    subject: 'Invitation to an appointment at the Service Point',
    body: `Dear {{applicantName}},

we have decided on your application ({{requestTypeLabel}}, case reference {{caseReference}}): your application is granted. So that we can issue your document, please come to a short appointment:

{{#replaces}}
This appointment replaces your earlier appointment on {{replaces}}. The calendar entry attached updates the earlier one.

{{/replaces}}
- Date and time: {{appointment}}
- Place: {{address}}

Please bring:

- your passport and your current residence permit
- the fee of {{fee}} ({{payment}})

At the appointment your signature and fingerprints will be taken. It takes about {{durationMinutes}} minutes. A calendar entry is attached.

If you cannot come, please reply to this email and we will offer you a new appointment.

Kind regards
{{officeName}}`,
  },
  'invitation-reminder': {
    subject: 'Reminder: your appointment {{when}}',
    body: `Dear {{applicantName}},

this is a reminder of your appointment {{when}} (case reference {{caseReference}}):

- Date and time: {{appointment}}
- Place: {{address}}

Please bring your passport, your current residence permit and the fee of {{fee}}.

Kind regards
{{officeName}}`,
  },
  'invitation-cancelled': {
    subject: 'Your appointment is cancelled',
    body: `Dear {{applicantName}},

your appointment on {{appointment}} (case reference {{caseReference}}) is cancelled. Please do not come to this appointment. With the attachment, your calendar removes the entry.

We will write to you as soon as there is a new appointment. If you have questions, please reply to this email.

Kind regards
{{officeName}}`,
  },
  'triage-reply': {
    subject: 'Your message to {{officeName}}',
    body: `Hello,

thank you for your message. We could not assign it to a case.

Please send your message again and include your case reference (for example in the subject). You will find it in our letters to you. Please write from the email address you gave in your application.

This is an automatic reply.

Kind regards
{{officeName}}`,
  },
  'caseworker-notification': {
    subject: '{{headline}}',
    body: `{{headline}}

Case: {{caseReference}} ({{requestTypeLabel}})
Received: {{receivedAt}}, matched by {{matchedBy}}
Sender: {{sender}} ({{senderAuthentication}})

New documents:

{{#documents}}
- {{filename}} → {{item}}
{{/documents}}
{{^documents}}
- none
{{/documents}}

{{#held.length}}
Held (in quarantine, please check):

{{/held.length}}
{{#held}}
- {{filename}}: {{reason}}
{{/held}}

{{#readProblems.length}}
Not read completely (the original email is kept unchanged, SES message id {{sesMessageId}}):

{{/readProblems.length}}
{{#readProblems}}
- {{text}}
{{/readProblems}}

Checklist:

{{#checklist}}
- [{{mark}}] {{label}}
{{/checklist}}

{{#newText}}
Text of the message:

{{newText}}

{{/newText}}
{{nextStep}}`,
  },
  'caseworker-query-unanswered': {
    subject: 'Query unanswered',
    body: `The query in case {{caseReference}} of {{queriedOn}} is still unanswered after a reminder.

Still missing:

{{#missing}}
- {{label}}
{{/missing}}

Please decide how to continue (for example a query by post).`,
  },
  'caseworker-undeliverable': {
    subject: 'Email address unreachable',
    body: `In case {{caseReference}} an email to {{address}} could not be delivered ({{kind}}).

No more automatic emails will be sent to this address. Please write to the applicant by post.`,
  },
  'case-opened': {
    subject: 'Your application: the documents we need',
    body: `Hello {{applicantName}},

we have opened your application ({{requestTypeLabel}}) under the case reference {{caseReference}}. Please send us these documents:

{{#items}}
- {{label}}
{{/items}}

Send the documents as PDF files or photos by email to {{intakeAddress}}, or simply reply to this email. Please give your case reference {{caseReference}} in every message. After each email we confirm what arrived and what is still missing.

Kind regards
{{officeName}}`,
  },
  'submission-received': {
    subject: 'Confirmation of receipt',
    body: `Hello {{applicantName}},

thank you. For your application ({{requestTypeLabel}}, case reference {{caseReference}}) we have received:

{{#received}}
- {{filename}}: {{item}}
{{/received}}
{{^received}}
- no documents we could accept
{{/received}}

{{#notAccepted.length}}
We could not accept these files:

{{/notAccepted.length}}
{{#notAccepted}}
- {{filename}}: {{reason}}
{{/notAccepted}}

{{#missing.length}}
These documents are still missing:

{{/missing.length}}
{{#missing}}
- {{label}}
{{/missing}}

{{#missing.length}}
Please reply to this email and attach the documents as PDF files or photos. Please give your case reference {{caseReference}} in every message.
{{/missing.length}}
{{^missing.length}}
Your documents are complete; you need not send anything else.
{{/missing.length}}

Kind regards
{{officeName}}`,
  },
  'file-complete': {
    subject: 'Your documents are complete',
    body: `Hello {{applicantName}},

thank you. With this email your documents for your application ({{requestTypeLabel}}, case reference {{caseReference}}) are complete. We received:

{{#received}}
- {{filename}}: {{item}}
{{/received}}

{{#notAccepted.length}}
We could not accept these files (we do not need them for your documents to be complete):

{{/notAccepted.length}}
{{#notAccepted}}
- {{filename}}: {{reason}}
{{/notAccepted}}

What happens next: your caseworker will now review your application. You need not send anything else. If we need anything more, we will write to you; otherwise we will invite you to an appointment where you receive your document.

Kind regards
{{officeName}}`,
  },
  'triage-received': {
    subject: 'Your message to {{officeName}}',
    body: `Hello,

thank you for your message. We have received it. A caseworker will assign it to the case you named; you need not send it again.

This is an automatic reply.

Kind regards
{{officeName}}`,
  },
  'triage-question': {
    subject: 'Your message to {{officeName}}',
    body: `Hello,

thank you for your message. Applicants send their documents to this address; we do not answer questions here automatically. This is how to reach us:

{{#contactOptions}}
- {{line}}
{{/contactOptions}}

If you have already applied, please give your case reference.

This is an automatic reply.

Kind regards
{{officeName}}`,
  },
  'caseworker-submissions': {
    subject: '{{headline}}',
    body: `{{headline}}

Case: {{caseReference}} ({{requestTypeLabel}})

Received:

{{#submissions}}
- {{receivedAt}}: {{sender}} ({{senderAuthentication}}), matched by {{matchedBy}}
{{/submissions}}

New documents:

{{#documents}}
- {{filename}} → {{item}}
{{/documents}}
{{^documents}}
- none
{{/documents}}

{{#held.length}}
Held (in quarantine, please check):

{{/held.length}}
{{#held}}
- {{filename}}: {{reason}}
{{/held}}

{{#readProblems.length}}
Not read completely (the original email is kept unchanged):

{{/readProblems.length}}
{{#readProblems}}
- {{text}}
{{/readProblems}}

Checklist:

{{#checklist}}
- [{{mark}}] {{label}}
{{/checklist}}

{{#texts}}
Text of the message of {{receivedAt}}:

{{text}}

{{/texts}}
{{nextStep}}`,
  },
  'triage-digest': {
    subject: 'Triage: {{count}} new email(s) waiting to be assigned',
    body: `Since the last digest {{count}} email(s) landed in triage that could not be assigned automatically:

{{#entries}}
- {{receivedAt}}: {{reason}} (SES message id {{messageId}})
{{/entries}}

{{waiting}} email(s) are waiting in all. Please assign them: intake triage list, then intake triage assign MESSAGE-ID CASE-REFERENCE.

This digest comes at most once an hour.`,
  },
};
