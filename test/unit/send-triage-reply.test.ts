import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mailer, OutboundMessage, RateLimiter } from '../../functions/domain/outbound-message.ts';
import type { TriageReason } from '../../functions/domain/triage.ts';
import { SendTriageReply } from '../../functions/use-cases/send-triage-reply.ts';
import { inboundEmail, storedAttachment } from '../helpers/inbound-email.ts';

/** Plain-object stand-ins: the use case's rules, not SES, are under test here (SES: e2e). */
function setUp() {
  const sent: OutboundMessage[] = [];
  const mailer: Mailer = {
    send: async (message) => {
      sent.push(message);
      return {
        sesMessageId: '<s@ses>',
        ownMessageId: '<o@own>',
        sentAt: '',
        archived: { bucket: '', key: '' },
      };
    },
  };
  const rateLimiter: RateLimiter = {
    reserve: async () => true,
    confirm: async () => undefined,
    release: async () => undefined,
  };
  const reply = new SendTriageReply({
    mailer,
    rateLimiter,
    settings: {
      officeName: 'Amt',
      intakeAddress: 'unterlagen@intake.example.org',
      periodSeconds: 60,
      contactOptions: ['Telefon 0211 89-00000 (Mo–Fr 8–12 Uhr)', 'www.example.org/termine'],
      ownAddresses: {
        intakeRecipients: ['unterlagen@intake.example.org'],
        sendingAddress: 'unterlagen@intake.example.org',
        mailDomain: 'intake.example.org',
      },
    },
  });
  const run = (overrides: Parameters<typeof inboundEmail>[0], triageReason: TriageReason = 'no-match') =>
    reply.run(
      { ...inboundEmail(overrides), ownMessageId: '<m@x>', autoReplyAllowed: true, triageReason },
      new Date(),
    );
  return { sent, run };
}

describe('SendTriageReply', () => {
  it('answers an authenticated stranger with nothing to go on', async () => {
    const { sent, run } = setUp();
    assert.equal((await run({ from: 'new@example.org' })).sent, true);
    assert.deepEqual(sent[0]?.to, ['new@example.org']);
  });

  it('never answers mail in the name of our own intake, its plus-addresses or our domain', async () => {
    const { sent, run } = setUp();
    for (const from of [
      'unterlagen@intake.example.org',
      'unterlagen+abh-2026-000101.x@intake.example.org',
      'someone@intake.example.org',
    ]) {
      assert.deepEqual(await run({ from }), { sent: false, reason: 'own-address' });
    }
    assert.equal(sent.length, 0);
  });

  it('never answers mail whose Reply-To is one of our addresses', async () => {
    const { sent, run } = setUp();
    const outcome = await run({ from: 'mallory@evil.test', replyTo: ['unterlagen@intake.example.org'] });
    assert.deepEqual(outcome, { sent: false, reason: 'own-address' });
    assert.equal(sent.length, 0);
  });

  it('tells someone who named a case that it arrived and will be assigned, the same words whether the case exists or not', async () => {
    const { sent, run } = setUp();
    const pdf = [{ ...storedAttachment('a'.repeat(64), 'pass.pdf') }];
    for (const reason of [
      'unknown-reference',
      'reference-from-unknown-sender',
      'thread-reply-from-unregistered-sender',
    ] as const) {
      assert.equal((await run({ from: 'relative@example.org', attachments: pdf }, reason)).sent, true);
    }
    assert.deepEqual(
      sent.map((m) => m.kind),
      ['triage-received', 'triage-received', 'triage-received'],
    );
    assert.equal(new Set(sent.map((m) => m.text)).size, 1, 'nothing tells one case from another');
    assert.match(sent[0]!.text, /Sie müssen sie nicht noch einmal senden/);
    assert.doesNotMatch(sent[0]!.text, /nennen Sie dabei Ihr Aktenzeichen/);
    assert.equal(sent[0]!.caseReference, null);
  });

  it('gives a question without documents the office’s contact options; documents nobody could assign are asked for the reference', async () => {
    const { sent, run } = setUp();
    await run({ from: 'question@example.org', text: 'Wann habe ich einen Termin?' }, 'no-match');
    await run(
      { from: 'docs@example.org', attachments: [storedAttachment('b'.repeat(64), 'pass.pdf')] },
      'no-match',
    );
    assert.deepEqual(
      sent.map((m) => m.kind),
      ['triage-question', 'triage-reply'],
    );
    assert.match(sent[0]!.text, /- Telefon 0211 89-00000 \(Mo–Fr 8–12 Uhr\)\n- www\.example\.org\/termine/);
    assert.match(sent[1]!.text, /nennen Sie dabei Ihr Aktenzeichen/);
  });

  it('does not answer where a person must decide: an unclear sender, a closed case', async () => {
    const { sent, run } = setUp();
    for (const reason of ['ambiguous-sender', 'case-closed'] as const) {
      assert.deepEqual(await run({ from: 'mallory@evil.test' }, reason), {
        sent: false,
        reason: 'not-for-this-reason',
      });
    }
    assert.equal(sent.length, 0);
  });

  it('does not answer an address with characters beyond ASCII (a look-alike; SES cannot send to it)', async () => {
    const { sent, run } = setUp();
    assert.deepEqual(await run({ from: '\u212aemal@example.org' }), {
      sent: false,
      reason: 'not-deliverable',
    });
    assert.equal(sent.length, 0);
  });
});
