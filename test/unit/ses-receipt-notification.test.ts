import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intakeRequestFromQueueBody } from '../../functions/events/ses-receipt-notification.ts';

function notification(overrides: Record<string, unknown> = {}, receipt: Record<string, unknown> = {}) {
  return {
    notificationType: 'Received',
    mail: {
      messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      timestamp: '2026-11-25T10:00:00.000Z',
      source: 'ayse@example.org',
    },
    receipt: {
      timestamp: '2026-11-25T10:00:01.000Z',
      recipients: ['Intake+ABH-2026-004711@intake.example.org'],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      dmarcPolicy: { status: 'none' },
      action: {
        type: 'S3',
        bucketName: 'inbound-bucket',
        objectKeyPrefix: 'inbound/',
        objectKey: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      },
      ...receipt,
    },
    ...overrides,
  };
}

describe('intakeRequestFromQueueBody', () => {
  it('reads a notification delivered inside an SNS envelope', () => {
    const body = JSON.stringify({ Type: 'Notification', Message: JSON.stringify(notification()) });
    assert.deepEqual(intakeRequestFromQueueBody(body), {
      messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      rawMail: { bucket: 'inbound-bucket', key: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1' },
      recipients: ['intake+abh-2026-004711@intake.example.org'],
      envelopeSender: 'other',
      receivedAt: '2026-11-25T10:00:01.000Z',
      verdicts: {
        spam: 'PASS',
        virus: 'PASS',
        spf: 'PASS',
        dkim: 'PASS',
        dmarc: 'PASS',
        dmarcPolicy: 'none',
      },
    });
  });

  it('reads a notification delivered raw (no SNS envelope)', () => {
    const request = intakeRequestFromQueueBody(JSON.stringify(notification()));
    assert.ok(!('ignored' in request));
    assert.equal(request.messageId, 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1');
  });

  it('ignores the setup notification SES sends when a rule is created', () => {
    const body = JSON.stringify(
      notification({
        mail: { messageId: 'AMAZON_SES_SETUP_NOTIFICATION', timestamp: '2026-11-25T10:00:00.000Z' },
      }),
    );
    assert.deepEqual(intakeRequestFromQueueBody(body), { ignored: 'setup-notification' });
  });

  it('takes a dmarcPolicy sent as a plain string', () => {
    const request = intakeRequestFromQueueBody(
      JSON.stringify(notification({}, { dmarcPolicy: 'quarantine' })),
    );
    assert.ok(!('ignored' in request));
    assert.equal(request.verdicts.dmarcPolicy, 'quarantine');
  });

  it('fails closed when verdicts are missing: not a pass', () => {
    const request = intakeRequestFromQueueBody(
      JSON.stringify(
        notification(
          {},
          { spfVerdict: undefined, dkimVerdict: undefined, dmarcVerdict: undefined, dmarcPolicy: undefined },
        ),
      ),
    );
    assert.ok(!('ignored' in request));
    assert.equal(request.verdicts.dmarc, 'PROCESSING_FAILED');
    assert.equal(request.verdicts.dmarcPolicy, 'reject');
  });

  it('starts nothing for notifications of other actions', () => {
    const body = JSON.stringify(
      notification({}, { action: { type: 'Lambda', functionArn: 'arn:aws:lambda:eu-west-1:1:function:x' } }),
    );
    assert.deepEqual(intakeRequestFromQueueBody(body), { ignored: 'not-s3-action' });
  });

  it('throws on a body that is not a receipt notification, so the message lands in the DLQ', () => {
    assert.throws(() => intakeRequestFromQueueBody('{"hello":"world"}'));
    assert.throws(() => intakeRequestFromQueueBody('not json'));
  });
});
