import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sendingEventFromQueueBody } from '../../functions/events/ses-sending-event.ts';
import { InvalidEventError } from '../../functions/shared/errors.ts';

const mail = {
  timestamp: '2026-03-02T09:00:00.000Z',
  messageId: '0102018f-abc',
  destination: ['ayse@example.org'],
  tags: { 'ses:configuration-set': ['email-intake-dev'], kind: ['invitation'] },
};

const bounce = (bounceType: string, extra: Record<string, unknown> = {}) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: 'ayse@example.org', status: '5.1.1' }],
    timestamp: '2026-03-02T09:00:05.000Z',
    ...extra,
  },
  mail,
});

const parse = (payload: unknown) => sendingEventFromQueueBody(JSON.stringify(payload));

describe('sendingEventFromQueueBody', () => {
  it('turns a permanent bounce into feedback to mark, timed by the bounce', () => {
    assert.deepEqual(parse(bounce('Permanent')), {
      action: 'mark',
      messageKind: 'invitation',
      feedback: {
        sesMessageId: '0102018f-abc',
        kind: 'permanent-bounce',
        addresses: ['ayse@example.org'],
        at: '2026-03-02T09:00:05.000Z',
      },
    });
  });

  it('reads the same event inside an SNS envelope', () => {
    const body = JSON.stringify({ Type: 'Notification', Message: JSON.stringify(bounce('Permanent')) });
    assert.equal(sendingEventFromQueueBody(body).action, 'mark');
  });

  it('turns a complaint into feedback to mark, with every complained recipient', () => {
    const result = parse({
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'a@example.org' }, { emailAddress: 'b@example.org' }],
        timestamp: '2026-03-02T10:00:00.000Z',
      },
      mail,
    });
    assert.equal(result.action, 'mark');
    assert.deepEqual(result.action === 'mark' && result.feedback.addresses, [
      'a@example.org',
      'b@example.org',
    ]);
    assert.equal(result.action === 'mark' && result.feedback.kind, 'complaint');
  });

  it('only logs transient and undetermined bounces', () => {
    assert.deepEqual(parse(bounce('Transient')), {
      action: 'log-only',
      sesMessageId: '0102018f-abc',
      why: 'transient-bounce',
      eventType: 'Bounce',
      messageKind: 'invitation',
    });
    assert.equal(parse(bounce('Undetermined')).action, 'log-only');
  });

  it('only logs rejects and ignores other event types', () => {
    const reject = parse({ eventType: 'Reject', reject: { reason: 'Bad content' }, mail });
    assert.equal(reject.action === 'log-only' && reject.why, 'rejected');
    const delivery = parse({ eventType: 'Delivery', delivery: {}, mail });
    assert.equal(delivery.action === 'log-only' && delivery.why, 'not-feedback');
  });

  it('accepts identity feedback notifications, which name the type notificationType', () => {
    const { eventType: _eventType, ...rest } = bounce('Permanent');
    assert.equal(parse({ notificationType: 'Bounce', ...rest }).action, 'mark');
  });

  it('falls back to the mail timestamp and empty tags when SES leaves them out', () => {
    const result = parse({
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'x@example.org' }] },
      mail: { timestamp: '2026-03-02T09:00:00.000Z', messageId: 'id-1' },
    });
    assert.equal(result.action === 'mark' && result.feedback.at, '2026-03-02T09:00:00.000Z');
    assert.equal(result.messageKind, null);
  });

  it('refuses bodies that are not sending events, without quoting them', () => {
    const refused = [
      'not json ayse@example.org',
      JSON.stringify({ mail }),
      JSON.stringify({ eventType: 'Bounce', mail }),
      JSON.stringify(bounce('Soft')),
      JSON.stringify({
        eventType: 'Bounce',
        bounce: bounce('Permanent').bounce,
        mail: { destination: ['ayse@example.org'] },
      }),
      JSON.stringify({ Type: 'Notification', Message: 'ayse@example.org' }),
    ];
    for (const body of refused) {
      assert.throws(
        () => sendingEventFromQueueBody(body),
        (error: unknown) => error instanceof InvalidEventError && !error.message.includes('ayse'),
        body,
      );
    }
  });
});
