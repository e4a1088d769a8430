import type { Translation } from './message-types.ts';

/** English: the courtesy translation under the binding German text. */
export const en: Translation = {
  locale: 'en-GB',
  direction: 'ltr',
  notice:
    'English: this courtesy translation is for your information. Only the German text above is legally binding (§ 23 of the German Administrative Procedure Act, VwVfG: the official language is German).',
  messages: {
    query: {
      subject: 'Missing documents',
      body: `Dear {applicantName},

{missing, plural,
  =0 {about your application ({requestTypeLabel}, case reference {caseReference}), your caseworker writes:

{caseworkerText}

Please reply to this email. Please always mention your case reference {caseReference}.}
  one {for your application ({requestTypeLabel}, case reference {caseReference}) we still need the following document:}
  other {for your application ({requestTypeLabel}, case reference {caseReference}) we still need the following # documents:}}

- {missing}


{missing, plural, =0 {} other {{caseworkerText, select, none {} other {A note from your caseworker: {caseworkerText}}}

Please reply to this email and attach the documents as PDF files or photos. Please always mention your case reference {caseReference}.}}

Kind regards
{officeName}`,
    },
    'query-reminder': {
      subject: 'Reminder: missing documents',
      body: `Dear {applicantName},

on {queriedOn, date, long} we asked you for documents for your application (case reference {caseReference}) and have not received an answer yet. {missing, plural, =0 {} one {One document is still missing:} other {# documents are still missing:}}

- {missing}

Please reply to this email and attach the documents. We cannot continue with your application without them.

Kind regards
{officeName}`,
    },
    invitation: {
      subject: 'Invitation to an appointment at the Service Point',
      body: `Dear {applicantName},

a decision has been made on your application (case reference {caseReference}): your application is granted. So that we can issue your document, please come to a short appointment:

{replaces, select, none {} other {This appointment replaces your earlier appointment on {replaces, date, appointment}. The calendar entry attached updates the earlier one.}}

- Date and time: {appointment, date, appointment}
- Place: {address}

Please bring:

- your passport and your current residence permit
- the fee of {fee} ({payment})

At the appointment your signature and fingerprints will be taken. It takes about {durationMinutes, plural, one {# minute} other {# minutes}}. A calendar entry is attached.

If you cannot come, please reply to this email and we will offer you a new appointment.

Kind regards
{officeName}`,
    },
    'invitation-reminder': {
      subject:
        'Reminder: your appointment {day, select, today {today} tomorrow {tomorrow} other {on {appointment, date, medium}}}',
      body: `Dear {applicantName},

this is a reminder of your appointment {day, select, today {today} tomorrow {tomorrow} other {on {appointment, date, long}}} (case reference {caseReference}):

- Date and time: {appointment, date, appointment}
- Place: {address}

Please bring your passport, your current residence permit and the fee of {fee}.

Kind regards
{officeName}`,
    },
    'invitation-cancelled': {
      subject: 'Your appointment is cancelled',
      body: `Dear {applicantName},

your appointment on {appointment, date, appointment} (case reference {caseReference}) is cancelled. Please do not come to this appointment. With the attachment, your calendar removes the entry.

We will write to you as soon as there is a new appointment. If you have questions, please reply to this email.

Kind regards
{officeName}`,
    },
    'triage-reply': {
      subject: 'Your message to {officeName}',
      body: `Hello,

thank you for your message. We could not assign it to a case.

Please send your message again and include your case reference (for example in the subject). You will find it in our letters to you. Please write from the email address you gave in your application.

This is an automatic reply.

Kind regards
{officeName}`,
    },
    'case-opened': {
      subject: 'Your application: the documents we need',
      body: `Dear {applicantName},

we have opened your application ({requestTypeLabel}) under the case reference {caseReference}. Please send us these documents:

- {items}

Send the documents as PDF files or photos by email to {intakeAddress}, or simply reply to this email. Please always mention your case reference {caseReference}. After each email we confirm what has arrived and what is still missing.

Kind regards
{officeName}`,
      items: { items: '{label}' },
    },
    'submission-received': {
      subject: 'Confirmation of receipt',
      body: `Dear {applicantName},

thank you. For your application ({requestTypeLabel}, case reference {caseReference}) we have received:

- {received}
{received, plural, =0 {- no documents we could accept} other {}}

{notAccepted, plural, =0 {} other {We could not accept these files:}}

- {notAccepted}

{waiting, plural, =0 {} other {We are still looking at these files; we do not ask again for what they contain:}}

- {waiting}

{missing, plural, =0 {} one {We still need the following document:} other {We still need the following # documents:}}

- {missing}

{missing, plural, =0 {{waiting, plural, =0 {Your documents are complete; you do not need to send anything else.} other {Once we have looked at these files, we will tell you whether anything is still missing.}}} other {Please reply to this email and attach the documents as PDF files or photos. Please always mention your case reference {caseReference}.}}

Kind regards
{officeName}`,
      items: {
        received: '{filename}: {item}',
        notAccepted: '{filename}: {reason}',
        waiting: '{filename}',
        missing: '{label}',
      },
    },
    'file-complete': {
      subject: 'Your documents are complete',
      body: `Dear {applicantName},

thank you. With this email your documents for your application ({requestTypeLabel}, case reference {caseReference}) are complete. We have received:

- {received}

{notAccepted, plural, =0 {} other {We could not accept these files (we do not need them for your file to be complete):}}

- {notAccepted}

What happens next: your caseworker will now review your application. You do not need to send anything else. If we need anything more, we will write to you; otherwise we will invite you to an appointment where you receive your document.

Kind regards
{officeName}`,
      items: { received: '{filename}: {item}', notAccepted: '{filename}: {reason}' },
    },
    'triage-received': {
      subject: 'Your message to {officeName}',
      body: `Hello,

thank you for your message. We have received it. A caseworker will assign it to the case you named; you do not need to send it again.

This is an automatic reply.

Kind regards
{officeName}`,
    },
    'triage-question': {
      subject: 'Your message to {officeName}',
      body: `Hello,

thank you for your message. Applicants send their documents to this address; we do not answer questions here automatically. This is how you can reach us:

- {contactOptions}

If you have already applied, please mention your case reference.

This is an automatic reply.

Kind regards
{officeName}`,
      items: { contactOptions: '{line}' },
    },
  },
  checklist: {
    requestTypes: {
      'eu-blue-card': 'EU Blue Card',
      'family-reunification': 'Family reunification',
      'first-residence-permit': 'First residence permit after moving to the city',
      'residence-permit-extension': 'Extension of a residence permit',
      'settlement-permit': 'Settlement permit',
    },
    items: {
      passport: 'Valid passport (all pages with entries)',
      'residence-card': 'Current residence permit card (eAT, front and back)',
      'biometric-photo': 'Biometric passport photo',
      'application-form': 'Completed application form',
      'employment-contract': "Employment contract or employer's certificate",
      'degree-certificate': 'University degree and its recognition',
      'health-insurance': 'Proof of health insurance',
      'registration-certificate': "Registration certificate or landlord's confirmation",
      payslips: 'Payslips for the last three months',
      'marriage-certificate': 'Marriage certificate',
      'birth-certificate': 'Birth certificate',
      'spouse-residence-permit': 'Residence permit or passport of the family member in Germany',
      'living-space': 'Proof of sufficient living space',
      'rental-contract': 'Rental contract',
      'language-certificate': 'Language certificate (e.g. B1)',
      'enrolment-certificate': 'Certificate of enrolment',
      'pension-record': 'Pension insurance record (Deutsche Rentenversicherung)',
      'integration-course-certificate': 'Integration course certificate',
    },
  },
};
