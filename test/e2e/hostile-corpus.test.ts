import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Execution } from '../../local/step-functions-service.ts';
import type { LocalVerdicts } from '../../local/smtp-intake.ts';
import { signedReplyAddress } from '../../functions/domain/reply-address.ts';
import { startTestPipeline, type SentEmail, type TestPipeline } from '../helpers/local-pipeline.ts';

/**
 * The hostile corpus (test/fixtures/hostile/): every file is sent over SMTP through the local
 * runtime with the SES verdicts its manifest names, then each asserted outcome is checked: the
 * triage reason and the case suggested, or the quarantine, or the match; no document of a
 * message that may not add any in any case; and nothing sent to an attacker or to ourselves.
 * One pipeline for the whole file: everything is sent first, then everything is asserted.
 */
const corpus = join(import.meta.dirname, '..', 'fixtures', 'hostile');

type Outcome =
  | { readonly matched: string }
  | { readonly triage: string; readonly suggestedCases: readonly string[] }
  | { readonly quarantined: 'virus' | 'spam' };

interface Expectation {
  readonly tries: string;
  readonly envelopeFrom: string;
  /** `intake`, or `reply-address:REFERENCE` for the case's signed reply address. */
  readonly envelopeTo: string;
  readonly verdicts: Partial<LocalVerdicts>;
  readonly outcome: Outcome;
  /** The only addresses any email caused by this one may go to. */
  readonly automaticMailTo: readonly string[];
  /**
   * Addresses that may get the generic "received, a person will assign it" reply and nothing
   * else: it names no case and reads the same whether the reference named exists or not.
   */
  readonly genericReplyTo?: readonly string[];
}

interface Manifest {
  readonly cases: readonly {
    reference: string;
    applicantName: string;
    contacts: string[];
    sentMessageIds: string[];
  }[];
  /** Substrings no recipient of anything the system sends may contain. */
  readonly neverMailTo: readonly string[];
  readonly messages: Readonly<Record<string, Expectation>>;
}

const manifest = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Manifest;

/** The key MatchCase verifies reply addresses with, from the runtime's local Secrets Manager. */
async function replyAddressSecret(pipeline: TestPipeline): Promise<string> {
  const { description } = pipeline.runtime;
  const client = new SecretsManagerClient({
    endpoint: description.endpoints.secretsManager,
    region: description.region,
    credentials: description.credentials,
  });
  const arn = description.functionEnvironment.REPLY_ADDRESS_SECRET_ARN!;
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  client.destroy();
  return SecretString!;
}

describe('the hostile corpus through the local runtime (SMTP in → triage, cases and outbox)', () => {
  let pipeline: TestPipeline;
  const executions = new Map<string, { sesMessageId: string; execution: Execution }>();
  let outbox: SentEmail[] = [];

  before(async () => {
    const verdicts = new Map(
      Object.values(manifest.messages).map((m) => [m.envelopeFrom.toLowerCase(), m.verdicts]),
    );
    pipeline = await startTestPipeline({
      verdictsFor: (mailFrom) => verdicts.get(mailFrom.toLowerCase()) ?? {},
    });
    const secret = await replyAddressSecret(pipeline);
    for (const { sentMessageIds, ...request } of manifest.cases) {
      await pipeline.openCase.run(request);
      await pipeline.cases.recordSentMessageIds(request.reference, sentMessageIds);
    }
    const sent = await Promise.all(
      Object.entries(manifest.messages).map(async ([file, expected]) => {
        const reference = /^reply-address:(.+)$/.exec(expected.envelopeTo)?.[1];
        const to =
          reference === undefined
            ? pipeline.intakeAddress
            : signedReplyAddress(pipeline.intakeAddress, reference, secret);
        const sesMessageId = await pipeline.send({
          envelope: { from: expected.envelopeFrom, to: [to] },
          raw: readFileSync(join(corpus, file)),
        });
        return [file, sesMessageId] as const;
      }),
    );
    for (const [file, sesMessageId] of sent) {
      executions.set(file, {
        sesMessageId,
        execution: await pipeline.runtime.waitForExecution(sesMessageId),
      });
    }
    outbox = await pipeline.outbox();
  });

  after(async () => {
    await pipeline?.stop();
  });

  it('the manifest covers every file of the corpus, each sent from its own envelope address', () => {
    const files = readdirSync(corpus)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    assert.deepEqual(Object.keys(manifest.messages).sort(), files);
    const envelopes = Object.values(manifest.messages).map((m) => m.envelopeFrom);
    assert.equal(new Set(envelopes).size, envelopes.length);
  });

  for (const [file, expected] of Object.entries(manifest.messages)) {
    it(`${file}: ${expected.tries}`, async () => {
      const { sesMessageId, execution } = executions.get(file)!;
      assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
      const state = JSON.parse(execution.output!) as {
        screening: { outcome: string };
        match?: { outcome: string; caseReference?: string };
      };
      const entry = await pipeline.triage.get(sesMessageId);
      const { outcome } = expected;
      if ('matched' in outcome) {
        assert.equal(entry, null, 'not in triage');
        assert.equal(state.match?.caseReference, outcome.matched);
      } else if ('quarantined' in outcome) {
        assert.equal(state.screening.outcome, 'Quarantine');
        assert.equal(entry?.reason, `quarantined-${outcome.quarantined}`);
      } else {
        assert.equal(state.match?.outcome, 'Triage');
        assert.equal(entry?.reason, outcome.triage);
        assert.deepEqual(entry?.suggestedCases, outcome.suggestedCases);
      }
      // No case holds a document of a message that may not add any.
      for (const { reference } of manifest.cases) {
        const added = (await pipeline.cases.documents(reference)).filter((d) => d.messageId === sesMessageId);
        const mayAdd = 'matched' in outcome && outcome.matched === reference;
        assert.equal(added.length > 0, mayAdd, `documents in ${reference}`);
      }
    });
  }

  it('nothing automatic went to an attacker, to our own intake, or to anyone the manifest does not allow', () => {
    const allowed = new Set(Object.values(manifest.messages).flatMap((m) => m.automaticMailTo));
    const generic = new Set(Object.values(manifest.messages).flatMap((m) => m.genericReplyTo ?? []));
    const caseWords = manifest.cases.flatMap((c) => [c.reference, c.applicantName]);
    // The generic reply to a stranger who named a case: no case in it, nothing else to them.
    const [genericReplies, caseMail] = [
      outbox.filter((email) => email.to.every((to) => generic.has(to))),
      outbox.filter((email) => !email.to.every((to) => generic.has(to))),
    ];
    for (const email of genericReplies) {
      assert.doesNotMatch(email.subject, /\[/, 'no case reference in the subject');
      for (const word of caseWords) assert.ok(!email.text.includes(word), `${word} in a generic reply`);
      assert.match(email.text, /Sie müssen sie nicht noch einmal senden/);
    }
    const recipients = caseMail.flatMap((email) => email.to);
    assert.ok(recipients.length > 0, 'the control message was answered, so the outbox is read');
    for (const recipient of recipients) {
      assert.ok(allowed.has(recipient), `${recipient} is allowed to get mail`);
      for (const never of manifest.neverMailTo) assert.ok(!recipient.includes(never), `${recipient}`);
    }
  });
});
