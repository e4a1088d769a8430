import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { parseFixture, parseStream } from './parse-support.ts';

/**
 * Who an email is from, as ParseEmail reports it: an address only when From is one header with
 * one plain mailbox; anything else is ambiguous, whatever its first address. Run on the hostile
 * corpus (test/fixtures/hostile/), whose files are named after what they try.
 */
async function sender(name: string) {
  const { from, fromAddresses, senderAmbiguity, replyTo } = await parseFixture(`hostile/${name}.eml`);
  return { from, fromAddresses, senderAmbiguity, replyTo };
}

function headerOnly(from: string): Readable {
  return Readable.from([Buffer.from(`${from}\r\nTo: x@intake.example.org\r\nSubject: s\r\n\r\nHallo\r\n`)]);
}

describe('ParseEmail: the sender', () => {
  it('one From with one mailbox names the sender; its display name is not kept', async () => {
    assert.deepEqual(await sender('control-reply-from-contact'), {
      from: 'ayse.yilmaz@example.org',
      fromAddresses: ['ayse.yilmaz@example.org'],
      senderAmbiguity: null,
      replyTo: [],
    });
  });

  it('two From headers name no sender, though mailparser reads only the first', async () => {
    assert.deepEqual(await sender('two-from-headers'), {
      from: null,
      fromAddresses: ['ayse.yilmaz@example.org', 'mallory.twofrom@evil.test'],
      senderAmbiguity: 'several-from-headers',
      replyTo: [],
    });
  });

  it('a From with two addresses names no sender', async () => {
    const result = await sender('from-with-two-addresses');
    assert.equal(result.from, null);
    assert.equal(result.senderAmbiguity, 'several-mailboxes');
  });

  it('group syntax names no sender, even with one member', async () => {
    const result = await sender('group-syntax-from');
    assert.equal(result.from, null);
    assert.equal(result.senderAmbiguity, 'group');
    assert.deepEqual(result.fromAddresses, ['ayse.yilmaz@example.org']);
  });

  it('an address in the display name makes the sender ambiguous', async () => {
    assert.deepEqual(await sender('display-name-spoof'), {
      from: null,
      fromAddresses: ['mallory.display@evil.test'],
      senderAmbiguity: 'address-in-display-name',
      replyTo: [],
    });
    const bare = await sender('bare-address-then-attacker');
    assert.equal(bare.from, null);
    assert.equal(bare.senderAmbiguity, 'address-in-display-name');
  });

  it('a display name that is the mailbox’s own address (as Outlook writes it) is fine', async () => {
    const result = await parseStream(headerOnly(`From: 'Ayse.Yilmaz@example.org' <ayse.yilmaz@example.org>`));
    assert.equal(result.from, 'ayse.yilmaz@example.org');
    assert.equal(result.senderAmbiguity, null);
  });

  it('an address with two @ is malformed, not a sender', async () => {
    const result = await parseStream(headerOnly('From: ayse.yilmaz@example.org@evil.test'));
    assert.equal(result.from, null);
    assert.equal(result.senderAmbiguity, 'malformed-address');
  });

  it('lowercases A–Z only: look-alikes keep every character they were written with', async () => {
    assert.equal((await sender('kelvin-sign-lookalike')).from, '\u212aemal@example.org');
    assert.equal((await sender('lookalike-dotless-i')).from, 'ayse.y\u0131lmaz@example.org');
    assert.equal((await sender('cyrillic-lookalike-domain')).from, 'ayse.yilmaz@ex\u0430mple.org');
    assert.equal((await sender('fullwidth-lookalike')).from, '\uff41yse.yilmaz@example.org');
    const upper = await parseStream(headerOnly('From: AYSE.Yilmaz@EXAMPLE.org'));
    assert.equal(upper.from, 'ayse.yilmaz@example.org');
  });

  it('reports Reply-To, so that no automatic answer goes to an address of ours', async () => {
    assert.deepEqual((await sender('reply-to-our-own-address')).replyTo, ['unterlagen@intake.example.org']);
  });

  it('a From without an address names no sender and is not ambiguous either', async () => {
    const result = await parseStream(headerOnly('From: Ayse Yilmaz'));
    assert.equal(result.from, null);
    assert.equal(result.senderAmbiguity, null);
  });
});
