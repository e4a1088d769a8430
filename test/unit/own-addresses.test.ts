import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isIntakeRecipient,
  isOwnAddress,
  type OfficeAddresses,
} from '../../functions/domain/own-addresses.ts';
import type { Mailer, OutboundMessage, SentMessage } from '../../functions/domain/outbound-message.ts';
import { LoopGuardMailer, OwnAddressError } from '../../functions/use-cases/loop-guard-mailer.ts';

const office: OfficeAddresses = {
  intakeRecipients: ['unterlagen@intake.example.org'],
  sendingAddress: 'noreply@amt.example.de',
  mailDomain: 'intake.example.org',
};

describe('isOwnAddress', () => {
  it('knows the intake address, its plus-addresses and its case in any ASCII case', () => {
    assert.equal(isOwnAddress('unterlagen@intake.example.org', office), true);
    assert.equal(isOwnAddress('Unterlagen+ABH-2026-000101.abc@INTAKE.example.org', office), true);
  });

  it('knows the sending address and any address at the office’s domains', () => {
    assert.equal(isOwnAddress('noreply+x@amt.example.de', office), true);
    assert.equal(isOwnAddress('anyone@amt.example.de', office), true);
    assert.equal(isOwnAddress('sachbearbeitung@intake.example.org', office), true);
    assert.equal(isOwnAddress('x@mx.intake.example.org', office), true);
  });

  it('does not take an applicant or a look-alike of our domain for ours', () => {
    assert.equal(isOwnAddress('ayse@example.org', office), false);
    assert.equal(isOwnAddress('unterlagen@int\u0430ke.example.org', office), false);
    assert.equal(isOwnAddress('unterlagen@intake.example.org.evil.test', office), false);
  });
});

describe('isIntakeRecipient', () => {
  it('is the intake address with any tag, not the rest of the domain', () => {
    assert.equal(isIntakeRecipient('unterlagen+abc@intake.example.org', office), true);
    assert.equal(isIntakeRecipient('sachbearbeitung@intake.example.org', office), false);
  });

  it('is every address at a domain the receipt rule accepts whole', () => {
    const wholeDomain = { ...office, intakeRecipients: ['intake.example.org'] };
    assert.equal(isIntakeRecipient('anything@intake.example.org', wholeDomain), true);
    assert.equal(isIntakeRecipient('anything@sub.intake.example.org', wholeDomain), false);
  });
});

describe('LoopGuardMailer', () => {
  const sent: OutboundMessage[] = [];
  const inner: Mailer = {
    send: async (message): Promise<SentMessage> => {
      sent.push(message);
      return {
        sesMessageId: '<1@ses>',
        ownMessageId: '<1@own>',
        sentAt: '2026-12-02T12:00:00Z',
        archived: { bucket: 'b', key: 'k' },
      };
    },
  };
  const guard = new LoopGuardMailer(inner, office);
  const message = (kind: OutboundMessage['kind'], to: string[]): OutboundMessage => ({
    kind,
    caseReference: null,
    to,
    subject: 's',
    text: 't',
    html: 'h',
    attachments: [],
    autoSubmitted: 'auto-replied',
    replyTo: 'unterlagen@intake.example.org',
    inReplyTo: null,
  });

  it('never sends to an intake recipient, whatever the kind', async () => {
    await assert.rejects(
      guard.send(message('caseworker-notification', ['unterlagen+x@intake.example.org']), 'k1'),
      OwnAddressError,
    );
    await assert.rejects(
      guard.send(message('triage-reply', ['unterlagen@intake.example.org']), 'k2'),
      OwnAddressError,
    );
    assert.equal(sent.length, 0);
  });

  it('never sends applicant mail to any address of ours, but lets the caseworker’s mailbox be told', async () => {
    await assert.rejects(guard.send(message('query', ['team@intake.example.org']), 'k3'), OwnAddressError);
    await guard.send(message('caseworker-notification', ['team@intake.example.org']), 'k4');
    await guard.send(message('query', ['ayse@example.org']), 'k5');
    assert.deepEqual(
      sent.map((m) => m.to),
      [['team@intake.example.org'], ['ayse@example.org']],
    );
  });
});
