import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import { signedReplyAddress } from '../../functions/domain/reply-address.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { MatchCase } from '../../functions/use-cases/match-case.ts';
import { OpenCase } from '../../functions/use-cases/open-case.ts';
import { inboundEmail } from '../helpers/inbound-email.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

const SECRET = 'test-reply-address-secret';

describe('MatchCase on DynamoDB Local', () => {
  let table: TestTable;
  let matchCase: MatchCase;
  let triage: DynamoDbTriageRepository;
  let cases: ReturnType<typeof caseRepository>;
  let openCase: OpenCase;

  before(async () => {
    table = await startTestTable();
    cases = caseRepository(table.db, table.tableName, {});
    triage = new DynamoDbTriageRepository(table.db, table.tableName);
    matchCase = new MatchCase({
      cases,
      triage,
      replyAddressSecret: SECRET,
      isOwnAddress: (address) => address.endsWith('@intake.example.org'),
    });
    openCase = new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
    });
    await openCase.run({
      reference: 'ABH-2026-000001',
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse.yilmaz@example.org'],
    });
    await openCase.run({
      reference: 'ABH-2026-000002',
      applicantName: 'Mehmet Kaya',
      contacts: ['kaya.family@example.org'],
    });
    await openCase.run({
      reference: 'ABH-2026-000003',
      applicantName: 'Elif Kaya',
      contacts: ['kaya.family@example.org'],
    });
    await openCase.run({
      reference: 'ABH-2026-000004',
      applicantName: 'Old Case',
      contacts: ['old@example.org'],
    });
    await cases.setStatus('ABH-2026-000004', ['open'], 'closed');
    await openCase.run({
      reference: 'ABH-2026-000005',
      applicantName: 'Kemal Demir',
      contacts: ['kemal@example.org'],
    });
  });

  after(async () => {
    await table?.stop();
  });

  it('a reply to an email the office sent is matched by its In-Reply-To', async () => {
    await cases.recordSentMessageIds('ABH-2026-000001', [
      '<0102019abc@eu-west-1.amazonses.com>',
      '<intake-123@intake.example.org>',
    ]);
    const decision = await matchCase.run(
      inboundEmail({ from: 'ayse.yilmaz@example.org', inReplyTo: '<0102019ABC@eu-west-1.amazonses.com>' }),
    );
    assert.deepEqual(decision, { outcome: 'Matched', caseReference: 'ABH-2026-000001', by: 'thread' });
  });

  it('a reply that kept only our own id in References is matched too', async () => {
    const decision = await matchCase.run(
      inboundEmail({ references: ['<unrelated@x>', '<intake-123@intake.example.org>'] }),
    );
    assert.deepEqual(decision, { outcome: 'Matched', caseReference: 'ABH-2026-000001', by: 'thread' });
  });

  it('in a long thread, our id among the newest References is found (they are read newest first)', async () => {
    const older = Array.from({ length: 20 }, (_, i) => `<older-${i}@mail.example.com>`);
    const decision = await matchCase.run(
      inboundEmail({
        references: [...older, '<intake-123@intake.example.org>', '<newest@mail.example.com>'],
      }),
    );
    assert.deepEqual(decision, { outcome: 'Matched', caseReference: 'ABH-2026-000001', by: 'thread' });
  });

  it('a reply to the signed reply address is matched when the signature verifies', async () => {
    const replyAddress = signedReplyAddress('unterlagen@intake.example.org', 'ABH-2026-000002', SECRET);
    const decision = await matchCase.run(
      inboundEmail({ from: 'kaya.family@example.org', recipients: [replyAddress] }),
    );
    assert.deepEqual(decision, { outcome: 'Matched', caseReference: 'ABH-2026-000002', by: 'reply-address' });
  });

  it('a reply address with a forged signature is no evidence', async () => {
    const decision = await matchCase.run(
      inboundEmail({
        from: 'unknown@example.com',
        recipients: ['unterlagen+ABH-2026-000002.aaaaaaaaaaaaaaaa@intake.example.org'],
      }),
    );
    assert.equal(decision.outcome, 'Triage');
  });

  it('a case reference from the case’s own contact is matched by reference', async () => {
    const decision = await matchCase.run(inboundEmail({ caseReference: 'ABH-2026-000001' }));
    assert.deepEqual(decision, { outcome: 'Matched', caseReference: 'ABH-2026-000001', by: 'reference' });
  });

  it('the registered contact of exactly one open case is matched by contact', async () => {
    const decision = await matchCase.run(inboundEmail({ from: 'ayse.yilmaz@example.org' }));
    assert.deepEqual(decision, { outcome: 'Matched', caseReference: 'ABH-2026-000001', by: 'contact' });
  });

  describe('who may add to a case', () => {
    it('a stranger replying to the office’s email goes to triage with that case suggested', async () => {
      const email = inboundEmail({
        from: 'stranger@evil.test',
        inReplyTo: '<intake-123@intake.example.org>',
      });
      const decision = await matchCase.run(email);
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'thread-reply-from-unregistered-sender',
        suggestedCases: ['ABH-2026-000001'],
      });
      assert.equal((await triage.get(email.messageId))?.reason, 'thread-reply-from-unregistered-sender');
    });

    it('a stranger naming the Message-IDs of two cases’ emails gains nothing by it', async () => {
      await cases.recordSentMessageIds('ABH-2026-000002', ['<intake-222@intake.example.org>']);
      const decision = await matchCase.run(
        inboundEmail({
          from: 'stranger@evil.test',
          references: ['<intake-123@intake.example.org>', '<intake-222@intake.example.org>'],
        }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'thread-reply-from-unregistered-sender',
        suggestedCases: ['ABH-2026-000002', 'ABH-2026-000001'],
      });
    });

    it('a stranger writing to a case’s signed reply address goes to triage with that case suggested', async () => {
      const replyAddress = signedReplyAddress('unterlagen@intake.example.org', 'ABH-2026-000002', SECRET);
      const decision = await matchCase.run(
        inboundEmail({ from: 'stranger@evil.test', recipients: [replyAddress] }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'thread-reply-from-unregistered-sender',
        suggestedCases: ['ABH-2026-000002'],
      });
    });

    it('a thread reply in the contact’s name that SES did not authenticate goes to triage', async () => {
      const decision = await matchCase.run(
        inboundEmail({
          from: 'ayse.yilmaz@example.org',
          senderVerified: false,
          inReplyTo: '<intake-123@intake.example.org>',
        }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'thread-reply-unauthenticated',
        suggestedCases: ['ABH-2026-000001'],
      });
    });

    it('a From that names no single sender goes to triage, with the case the thread names', async () => {
      const decision = await matchCase.run(
        inboundEmail({
          from: null,
          fromAddresses: ['ayse.yilmaz@example.org', 'attacker@evil.test'],
          senderAmbiguity: 'several-from-headers',
          inReplyTo: '<intake-123@intake.example.org>',
        }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'ambiguous-sender',
        suggestedCases: ['ABH-2026-000001'],
      });
    });

    it('an ambiguous From with nothing else to go on is still ambiguous-sender, not no-match', async () => {
      const decision = await matchCase.run(
        inboundEmail({ from: null, fromAddresses: [], senderAmbiguity: 'group' }),
      );
      assert.deepEqual(decision, { outcome: 'Triage', reason: 'ambiguous-sender', suggestedCases: [] });
    });

    it('a look-alike of a contact’s address (Kelvin sign for k) never equals the contact', async () => {
      const decision = await matchCase.run(inboundEmail({ from: '\u212Aemal@example.org' }));
      assert.deepEqual(decision, { outcome: 'Triage', reason: 'no-match', suggestedCases: [] });
    });

    it('a look-alike with a dotless ı or a Cyrillic а never equals the contact', async () => {
      for (const from of ['ayse.y\u0131lmaz@example.org', 'ayse.yilmaz@ex\u0430mple.org']) {
        const decision = await matchCase.run(inboundEmail({ from, caseReference: 'ABH-2026-000001' }));
        assert.deepEqual(decision, {
          outcome: 'Triage',
          reason: 'reference-from-unknown-sender',
          suggestedCases: ['ABH-2026-000001'],
        });
      }
    });

    it('mail in the name of one of the office’s own addresses is never matched', async () => {
      const decision = await matchCase.run(
        inboundEmail({ from: 'unterlagen@intake.example.org', inReplyTo: '<intake-123@intake.example.org>' }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'from-own-address',
        suggestedCases: ['ABH-2026-000001'],
      });
    });
  });

  describe('triage reasons', () => {
    it('a reference from an address that is not a contact goes to triage, suggesting that case', async () => {
      const email = inboundEmail({ from: 'stranger@example.com', caseReference: 'ABH-2026-000001' });
      const decision = await matchCase.run(email);
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'reference-from-unknown-sender',
        suggestedCases: ['ABH-2026-000001'],
      });
      const entry = await triage.get(email.messageId);
      assert.equal(entry?.reason, 'reference-from-unknown-sender');
      assert.deepEqual(entry?.suggestedCases, ['ABH-2026-000001']);
      assert.equal(entry?.email?.from, 'stranger@example.com');
    });

    it('a contact of several open cases is ambiguous', async () => {
      const decision = await matchCase.run(inboundEmail({ from: 'kaya.family@example.org' }));
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'ambiguous',
        suggestedCases: ['ABH-2026-000002', 'ABH-2026-000003'],
      });
    });

    it('a spoofed sender never gets in by address alone', async () => {
      const decision = await matchCase.run(
        inboundEmail({ from: 'ayse.yilmaz@example.org', senderVerified: false }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'unverified-sender',
        suggestedCases: ['ABH-2026-000001'],
      });
    });

    it('a spoofed sender naming the reference does not get in either', async () => {
      const decision = await matchCase.run(
        inboundEmail({
          from: 'ayse.yilmaz@example.org',
          senderVerified: false,
          caseReference: 'ABH-2026-000001',
        }),
      );
      assert.deepEqual(decision, {
        outcome: 'Triage',
        reason: 'unverified-sender',
        suggestedCases: ['ABH-2026-000001'],
      });
    });

    it('mail for a closed case goes to triage', async () => {
      assert.deepEqual(
        await matchCase.run(inboundEmail({ from: 'old@example.org', caseReference: 'ABH-2026-000004' })),
        {
          outcome: 'Triage',
          reason: 'case-closed',
          suggestedCases: ['ABH-2026-000004'],
        },
      );
      assert.deepEqual(await matchCase.run(inboundEmail({ from: 'old@example.org' })), {
        outcome: 'Triage',
        reason: 'case-closed',
        suggestedCases: ['ABH-2026-000004'],
      });
    });

    it('a reference that names no case is flagged as such', async () => {
      const decision = await matchCase.run(
        inboundEmail({ from: 'new@example.org', caseReference: 'ABH-2026-999999' }),
      );
      assert.deepEqual(decision, { outcome: 'Triage', reason: 'unknown-reference', suggestedCases: [] });
    });

    it('an unknown sender with nothing to go on is no match', async () => {
      const decision = await matchCase.run(inboundEmail({ from: 'new@example.org' }));
      assert.deepEqual(decision, { outcome: 'Triage', reason: 'no-match', suggestedCases: [] });
    });

    it('the same message twice makes one triage entry', async () => {
      const email = inboundEmail({ from: 'twice@example.org' });
      await matchCase.run(email);
      await matchCase.run(email);
      const entries = (await triage.list()).filter((e) => e.messageId === email.messageId);
      assert.equal(entries.length, 1);
    });
  });
});
