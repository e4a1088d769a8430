import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mailer, OutboundMessage, RateLimiter } from '../../functions/domain/outbound-message.ts';
import type { TriageReason } from '../../functions/domain/triage.ts';
import { SendTriageReply } from '../../functions/use-cases/send-triage-reply.ts';
import { inboundEmail } from '../helpers/inbound-email.ts';

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

  it('asks for the reference only where that helps: not when the email named a case it may not add to', async () => {
    const { sent, run } = setUp();
    for (const reason of [
      'thread-reply-from-unregistered-sender',
      'reference-from-unknown-sender',
      'ambiguous-sender',
      'case-closed',
    ] as const) {
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
