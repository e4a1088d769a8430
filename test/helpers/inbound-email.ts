import type { InboundEmail } from '../../functions/domain/inbound-email.ts';
import { ALL_PASS } from './verdicts.ts';

let counter = 0;

/** An inbound email as the workflow hands it to matching, with sensible defaults. */
export function inboundEmail(overrides: Partial<InboundEmail> = {}): InboundEmail {
  counter += 1;
  return {
    messageId: `msg${String(counter).padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`,
    receivedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, counter)).toISOString(),
    from: 'ayse.yilmaz@example.org',
    fromAddresses: [overrides.from === undefined ? 'ayse.yilmaz@example.org' : overrides.from].filter(
      (a): a is string => a !== null,
    ),
    senderAmbiguity: null,
    replyTo: [],
    to: ['unterlagen@intake.example.org'],
    subject: 'Unterlagen',
    text: '',
    inReplyTo: null,
    references: [],
    caseReference: null,
    recipients: ['unterlagen@intake.example.org'],
    attachments: [],
    readProblems: [],
    verdicts: ALL_PASS,
    senderVerified: true,
    ...overrides,
  };
}

/** An accepted attachment stored at documents/<sha>. */
export function storedAttachment(sha256: string, filename: string | null) {
  return {
    sha256,
    filename,
    detectedType: 'application/pdf',
    size: 1234,
    accepted: true,
    reason: null,
    location: { bucket: 'documents-bucket', key: `documents/${sha256}` },
  };
}
