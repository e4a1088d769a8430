import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_PASS } from '../helpers/verdicts.ts';
import {
  senderIsAuthenticated,
  toDmarcPolicy,
  toVerdictStatus,
} from '../../functions/domain/receipt-verdicts.ts';

const allPass = ALL_PASS;

describe('toDmarcPolicy', () => {
  it('reads the policy when SES sends it as a string', () => {
    assert.equal(toDmarcPolicy('quarantine'), 'quarantine');
    assert.equal(toDmarcPolicy('NONE'), 'none');
  });

  it('reads the policy when SES sends it as { status }', () => {
    assert.equal(toDmarcPolicy({ status: 'none' }), 'none');
    assert.equal(toDmarcPolicy({ status: 'QUARANTINE' }), 'quarantine');
  });

  it('fails closed: a missing or unknown policy counts as reject', () => {
    assert.equal(toDmarcPolicy(undefined), 'reject');
    assert.equal(toDmarcPolicy({ status: 42 }), 'reject');
    assert.equal(toDmarcPolicy('whatever'), 'reject');
  });
});

describe('toVerdictStatus', () => {
  it('keeps the statuses SES knows', () => {
    assert.equal(toVerdictStatus('GRAY'), 'GRAY');
    assert.equal(toVerdictStatus('fail'), 'FAIL');
  });

  it('treats an unknown or missing status as a processing failure, never as a pass', () => {
    assert.equal(toVerdictStatus(undefined), 'PROCESSING_FAILED');
    assert.equal(toVerdictStatus('PASSED'), 'PROCESSING_FAILED');
  });
});

describe('senderIsAuthenticated', () => {
  it('trusts a sender whose DMARC and SPF or DKIM pass', () => {
    assert.equal(senderIsAuthenticated(allPass), true);
    assert.equal(senderIsAuthenticated({ ...allPass, spf: 'FAIL' }), true);
  });

  it('does not trust a sender whose DMARC fails, even with SPF passing', () => {
    assert.equal(senderIsAuthenticated({ ...allPass, dmarc: 'FAIL' }), false);
  });

  it('does not trust a sender whose DMARC could not be checked', () => {
    assert.equal(senderIsAuthenticated({ ...allPass, dmarc: 'GRAY' }), false);
    assert.equal(senderIsAuthenticated({ ...allPass, dmarc: 'PROCESSING_FAILED' }), false);
  });

  it('does not trust a sender with neither SPF nor DKIM passing', () => {
    assert.equal(senderIsAuthenticated({ ...allPass, spf: 'FAIL', dkim: 'GRAY' }), false);
  });
});
