import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseFile } from '../../functions/domain/case-file.ts';
import type { CaseLogEntry } from '../../functions/domain/case-log.ts';
import type { CaseRepository } from '../../functions/domain/case-repository.ts';
import type { CaseworkerAlert } from '../../functions/domain/caseworker-alert.ts';
import type {
  DeliveryFeedback,
  UndeliverableAddress,
  UndeliverableAddresses,
  UndeliverableReason,
} from '../../functions/domain/undeliverable-addresses.ts';
import { MarkUndeliverable } from '../../functions/use-cases/mark-undeliverable.ts';
import { sesAssignedMessageId } from '../../functions/domain/outbound-message.ts';

const caseFile = (reference: string): CaseFile =>
  ({
    reference,
    contacts: ['ayse@example.org'],
    caseworker: 'team@intake.example.org',
  }) as unknown as CaseFile;

/** Plain fakes: cases by the Message-ID they sent, and everything written or told. */
function fakes(sent: Record<string, string[]>) {
  const log: { reference: string; entry: CaseLogEntry }[] = [];
  const marked: { reference: string; address: string; reason: UndeliverableReason; at: string }[] = [];
  const told: { reference: string; address: string; kind: UndeliverableReason }[] = [];
  const askedFor: string[] = [];
  const cases = {
    casesBySentMessageId: async (messageId: string) => {
      askedFor.push(messageId);
      return (sent[messageId] ?? []).map(caseFile);
    },
    appendLog: async (reference: string, entry: CaseLogEntry) => void log.push({ reference, entry }),
  } as unknown as CaseRepository;
  const undeliverable: UndeliverableAddresses = {
    mark: async (reference, address, reason, at) => void marked.push({ reference, address, reason, at }),
    list: async (): Promise<UndeliverableAddress[]> => [],
  };
  const alert: CaseworkerAlert = {
    undeliverable: async (c, address, kind) => void told.push({ reference: c.reference, address, kind }),
  };
  const useCase = new MarkUndeliverable({ cases, undeliverable, alert, region: 'eu-west-1' });
  return { useCase, log, marked, told, askedFor };
}

const feedback = (overrides: Partial<DeliveryFeedback> = {}): DeliveryFeedback => ({
  sesMessageId: '0102abc',
  kind: 'permanent-bounce',
  addresses: ['ayse@example.org'],
  at: '2026-03-02T09:00:05.000Z',
  ...overrides,
});

describe('MarkUndeliverable', () => {
  it('looks the case up by the Message-ID SES gave the mail, in the region it was sent from', async () => {
    const { useCase, askedFor } = fakes({});

    await useCase.run(feedback());

    assert.deepEqual(askedFor, ['<0102abc@eu-west-1.amazonses.com>']);
  });

  it('marks, logs (outbound) and alerts for every affected address of the case', async () => {
    const { useCase, marked, log, told } = fakes({
      '<0102abc@eu-west-1.amazonses.com>': ['ABH-2026-000001'],
    });

    const result = await useCase.run(
      feedback({ addresses: ['Ayse <AYSE@example.org>', 'other@example.org'] }),
    );

    assert.deepEqual(result, { outcome: 'marked', cases: ['ABH-2026-000001'], addresses: 2 });
    assert.deepEqual(
      marked.map((m) => [m.address, m.reason, m.at]),
      [
        ['ayse@example.org', 'permanent-bounce', '2026-03-02T09:00:05.000Z'],
        ['other@example.org', 'permanent-bounce', '2026-03-02T09:00:05.000Z'],
      ],
    );
    assert.equal(log.length, 1);
    assert.deepEqual(log[0]!.entry, {
      direction: 'out',
      at: '2026-03-02T09:00:05.000Z',
      messageId: '<0102abc@eu-west-1.amazonses.com>',
      from: null,
      to: ['ayse@example.org', 'other@example.org'],
      subject: null,
      documents: [],
      held: [],
      note: 'bounced: permanent',
    });
    assert.deepEqual(told, [
      { reference: 'ABH-2026-000001', address: 'ayse@example.org', kind: 'permanent-bounce' },
      { reference: 'ABH-2026-000001', address: 'other@example.org', kind: 'permanent-bounce' },
    ]);
  });

  it('notes a complaint as such on the case', async () => {
    const { useCase, log, told } = fakes({ '<0102abc@eu-west-1.amazonses.com>': ['ABH-2026-000001'] });

    await useCase.run(feedback({ kind: 'complaint' }));

    assert.equal(log[0]?.entry.note, 'complaint: marked as spam');
    assert.equal(told[0]?.kind, 'complaint');
  });

  it('handles every case that sent the message', async () => {
    const { useCase, told } = fakes({ '<0102abc@eu-west-1.amazonses.com>': ['ABH-1', 'ABH-2'] });

    const result = await useCase.run(feedback());

    assert.deepEqual(result.outcome === 'marked' && result.cases, ['ABH-1', 'ABH-2']);
    assert.deepEqual(
      told.map((t) => t.reference),
      ['ABH-1', 'ABH-2'],
    );
  });

  it('changes nothing for a message no case sent', async () => {
    const { useCase, marked, log, told } = fakes({});

    assert.deepEqual(await useCase.run(feedback()), { outcome: 'unknown-message' });
    assert.deepEqual([marked, log, told], [[], [], []]);
  });

  it('leaves a Message-ID that already has angle brackets as it is', () => {
    assert.equal(sesAssignedMessageId('<x@y>', 'eu-west-1'), '<x@y>');
    assert.equal(sesAssignedMessageId('0102abc', 'eu-central-1'), '<0102abc@eu-central-1.amazonses.com>');
  });
});
