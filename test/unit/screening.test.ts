import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_PASS } from '../helpers/verdicts.ts';
import { screenEmail } from '../../functions/domain/screening.ts';

const allPass = ALL_PASS;

describe('screenEmail', () => {
  it('lets an ordinary message proceed with a verified sender and counts held attachments', () => {
    const result = screenEmail({
      verdicts: allPass,
      automaticReason: null,
      attachments: [{ accepted: true }, { accepted: false }],
    });
    assert.deepEqual(result, {
      outcome: 'Proceed',
      senderVerified: true,
      heldAttachments: 1,
      autoReplyAllowed: true,
    });
  });

  it('quarantines a message SES found a virus in', () => {
    assert.deepEqual(
      screenEmail({ verdicts: { ...allPass, virus: 'FAIL' }, automaticReason: null, attachments: [] }),
      {
        outcome: 'Quarantine',
        reason: 'virus',
        verdict: 'FAIL',
      },
    );
  });

  it('quarantines a message whose virus scan could not run', () => {
    const result = screenEmail({
      verdicts: { ...allPass, virus: 'PROCESSING_FAILED' },
      automaticReason: null,
      attachments: [],
    });
    assert.equal(result.outcome, 'Quarantine');
  });

  for (const virus of ['GRAY', 'DISABLED', 'PROCESSING_FAILED'] as const) {
    it(`holds a message whose virus verdict is ${virus}: only PASS counts as clean`, () => {
      const result = screenEmail({
        verdicts: { ...allPass, virus },
        automaticReason: null,
        attachments: [{ accepted: true }],
      });
      assert.deepEqual(result, { outcome: 'Quarantine', reason: 'virus', verdict: virus });
    });
  }

  for (const spam of ['GRAY', 'DISABLED', 'PROCESSING_FAILED'] as const) {
    it(`holds a message whose spam verdict is ${spam}: only PASS counts as clean`, () => {
      const result = screenEmail({
        verdicts: { ...allPass, spam },
        automaticReason: null,
        attachments: [{ accepted: true }],
      });
      assert.deepEqual(result, { outcome: 'Quarantine', reason: 'spam', verdict: spam });
    });
  }

  it('quarantines spam', () => {
    assert.deepEqual(
      screenEmail({ verdicts: { ...allPass, spam: 'FAIL' }, automaticReason: null, attachments: [] }),
      {
        outcome: 'Quarantine',
        reason: 'spam',
        verdict: 'FAIL',
      },
    );
  });

  it('routes automatic mail away from any automatic answer', () => {
    assert.deepEqual(screenEmail({ verdicts: allPass, automaticReason: 'auto-submitted', attachments: [] }), {
      outcome: 'AutomaticMail',
      reason: 'auto-submitted',
    });
  });

  it('lets automatic mail that carries documents reach its case, but never be answered', () => {
    const result = screenEmail({
      verdicts: allPass,
      automaticReason: 'auto-response-suppress',
      attachments: [{ accepted: true, kind: 'document' }],
    });
    assert.deepEqual(result, {
      outcome: 'Proceed',
      senderVerified: true,
      heldAttachments: 0,
      autoReplyAllowed: false,
    });
  });

  it('does not count a signature or calendar part as a document that would let automatic mail through', () => {
    const result = screenEmail({
      verdicts: allPass,
      automaticReason: 'auto-submitted',
      attachments: [
        { accepted: false, kind: 'signature' },
        { accepted: true, kind: 'calendar' },
      ],
    });
    assert.equal(result.outcome, 'AutomaticMail');
  });

  it('lets a message with failed sender authentication proceed, but unverified', () => {
    const result = screenEmail({
      verdicts: { ...allPass, dmarc: 'FAIL', spf: 'FAIL' },
      automaticReason: null,
      attachments: [],
    });
    assert.deepEqual(result, {
      outcome: 'Proceed',
      senderVerified: false,
      heldAttachments: 0,
      autoReplyAllowed: true,
    });
  });
});
