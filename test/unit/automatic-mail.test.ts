import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  absentUntil,
  automaticMailReason,
  envelopeSenderOf,
  type AutomaticMailSignals,
} from '../../functions/domain/automatic-mail.ts';

function signals(
  headers: Record<string, string>,
  contentType = 'text/plain',
  mailFrom: string | null = 'max@example.org',
): AutomaticMailSignals {
  return {
    header: (name) => headers[name] ?? null,
    contentType,
    envelopeSender: mailFrom === null ? null : envelopeSenderOf(mailFrom),
  };
}

describe('automaticMailReason', () => {
  it('a message written by a person is not automatic', () => {
    assert.equal(
      automaticMailReason(signals({ from: 'Max <max@example.org>', subject: 'Unterlagen' })),
      null,
    );
  });

  it('Auto-Submitted: no is a person’s message', () => {
    assert.equal(automaticMailReason(signals({ 'auto-submitted': ' No ' })), null);
  });

  const automatic: [string, AutomaticMailSignals, string][] = [
    [
      'Auto-Submitted: auto-replied (an out-of-office)',
      signals({ 'auto-submitted': 'auto-replied' }),
      'auto-submitted',
    ],
    [
      'Auto-Submitted: auto-generated with parameters',
      signals({ 'auto-submitted': 'auto-generated; owner-email="x@y"' }),
      'auto-submitted',
    ],
    [
      'a delivery status notification (multipart/report)',
      signals({ 'auto-submitted': 'auto-replied' }, 'multipart/report'),
      'delivery-report',
    ],
    [
      'X-Failed-Recipients (Exim bounces)',
      signals({ 'x-failed-recipients': 'max@example.org' }),
      'delivery-report',
    ],
    ['Precedence: bulk', signals({ precedence: 'bulk' }), 'precedence-bulk'],
    ['Precedence: junk', signals({ precedence: 'Junk' }), 'precedence-bulk'],
    ['Precedence: auto_reply', signals({ precedence: 'auto_reply' }), 'precedence-bulk'],
    ['List-Id', signals({ 'list-id': '<news.example.org>', precedence: 'list' }), 'mailing-list'],
    ['List-Unsubscribe alone', signals({ 'list-unsubscribe': '<mailto:leave@example.org>' }), 'mailing-list'],
    [
      'X-Auto-Response-Suppress (Exchange)',
      signals({ 'x-auto-response-suppress': 'All' }),
      'auto-response-suppress',
    ],
    ['X-Autoreply', signals({ 'x-autoreply': 'yes' }), 'auto-reply'],
    ['a null Return-Path', signals({ 'return-path': '<>' }, 'text/plain', null), 'null-return-path'],
    ['an empty envelope sender', signals({}, 'text/plain', ''), 'null-return-path'],
    [
      'MAILER-DAEMON as envelope sender',
      signals({}, 'text/plain', 'MAILER-DAEMON@mx.example.org'),
      'mailer-daemon',
    ],
    [
      'MAILER-DAEMON in Return-Path',
      signals({ 'return-path': '<mailer-daemon@mx.example.org>' }, 'text/plain', null),
      'mailer-daemon',
    ],
    [
      'MAILER-DAEMON in From',
      signals({ from: 'MAILER-DAEMON@mx.example.org (Mail Delivery System)' }, 'text/plain', null),
      'mailer-daemon',
    ],
  ];
  for (const [what, input, reason] of automatic) {
    it(`${what} is automatic: ${reason}`, () => {
      assert.equal(automaticMailReason(input), reason);
    });
  }

  it('a postmaster-like word inside an ordinary address is not a daemon', () => {
    assert.equal(
      automaticMailReason(
        signals({ from: 'Anna <anna.postmaster@example.org>' }, 'text/plain', 'anna.postmaster@example.org'),
      ),
      null,
    );
  });
});

describe('absence notices without the header', () => {
  const bySubject = (subject: string) =>
    automaticMailReason({
      header: () => null,
      contentType: 'text/plain',
      envelopeSender: 'other',
      subject,
    });

  it('are recognised by their subject in the applicants’ languages', () => {
    for (const subject of [
      'Abwesenheitsnotiz: Fehlende Unterlagen',
      'Automatische Antwort: [ABH-2026-000001] Fehlende Unterlagen',
      'Out of Office: Missing documents',
      'AW: Out of the office',
      'Otomatik yanıt: Eksik belgeler',
      'Réponse automatique : Documents manquants',
      'Автоматична відповідь: документи',
      'Автоматический ответ: документы',
      'Automatic reply: Missing documents',
    ]) {
      assert.equal(bySubject(subject), 'out-of-office', subject);
    }
  });

  it('leave a person’s subject alone', () => {
    for (const subject of [
      'Re: Fehlende Unterlagen',
      'Abwesenheiten meiner Kinder (Schulbescheinigung)',
      'Office documents',
    ]) {
      assert.equal(bySubject(subject), null, subject);
    }
  });

  it('say until when the person is away, as written', () => {
    assert.equal(absentUntil('Ich bin bis 4.1. nicht im Büro.'), '4.1.');
    assert.equal(absentUntil('Ich bin bis einschließlich 4.1 im Urlaub.'), '4.1.');
    assert.equal(absentUntil('Ich bin bis zum 04.01.2027 nicht erreichbar.'), '04.01.2027');
    assert.equal(absentUntil('I am away until 4/1 with limited access.'), '4/1');
    assert.equal(absentUntil("Je suis absente jusqu'au 4/1/2027."), '4/1/2027');
    assert.equal(absentUntil('4.1.2027 tarihine kadar izindeyim.'), '4.1.2027');
    assert.equal(absentUntil('Ich bin im Urlaub.'), null);
  });
});
