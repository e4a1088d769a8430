import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  loadStageConfig,
  STAGE_NAMES,
  StageConfigError,
  validateStageConfig,
  type StageConfig,
} from '../../lib/config.ts';
import { createApp } from '../../lib/app.ts';

const dev = loadStageConfig('dev');
const invalid = (change: Partial<StageConfig>, message: RegExp): void => {
  assert.throws(
    () => validateStageConfig({ ...dev, ...change }),
    (error: Error) => {
      assert.ok(error instanceof StageConfigError);
      assert.match(error.message, message);
      return true;
    },
  );
};

/** A production stage as an operator fills it in: a real account, domain and addresses. */
const realProd: StageConfig = {
  ...dev,
  stageName: 'prod',
  production: true,
  account: '210987654321',
  mailDomain: 'intake.stadt-musterstadt.de',
  intakeRecipients: ['unterlagen@intake.stadt-musterstadt.de'],
  senderAddress: 'unterlagen@intake.stadt-musterstadt.de',
  caseworkerMailbox: 'auslaenderbehoerde@stadt-musterstadt.de',
  alertEmail: 'it-betrieb@stadt-musterstadt.de',
  console: { domainPrefix: 'musterstadt-intake' },
};

describe('loadStageConfig', () => {
  it('knows dev and prod, dev in eu-west-1 with the local placeholders', () => {
    assert.deepEqual([...STAGE_NAMES].sort(), ['dev', 'prod']);
    assert.equal(dev.region, 'eu-west-1');
    assert.equal(dev.production, false);
  });

  it('refuses the shipped prod stage, naming every placeholder to replace', () => {
    assert.throws(
      () => loadStageConfig('prod'),
      (error: Error) => {
        assert.ok(error instanceof StageConfigError);
        assert.match(error.message, /^Stage "prod" is a production stage.*lib\/config\.ts/);
        for (const field of [
          'account',
          'mailDomain',
          'intakeRecipients',
          'senderAddress',
          'caseworkerMailbox',
        ]) {
          assert.match(error.message, new RegExp(`\\b${field}\\b`), field);
        }
        assert.match(error.message, /alertEmail is required/);
        return true;
      },
    );
  });

  it('accepts a production stage with real values, and refuses each placeholder in it', () => {
    assert.equal(validateStageConfig(realProd), realProd);
    const refused = (change: Partial<StageConfig>, message: RegExp): void => {
      assert.throws(() => validateStageConfig({ ...realProd, ...change }), message);
    };
    for (const account of ['000000000000', '111111111111', '123456789012']) {
      refused({ account }, /account "\d{12}" is a placeholder/);
    }
    for (const domain of [
      'example.com',
      'intake.example.org',
      'mail.example.net',
      'intake.test',
      'x.example',
    ]) {
      refused(
        {
          mailDomain: domain,
          intakeRecipients: [`unterlagen@${domain}`],
          senderAddress: `unterlagen@${domain}`,
        },
        new RegExp(`mailDomain "${domain.replace(/\./g, '\\.')}" is a documentation domain`),
      );
    }
    refused({ caseworkerMailbox: 'team@example.com' }, /caseworkerMailbox "team@example\.com"/);
    refused({ alertEmail: 'ops@example.org' }, /alertEmail "ops@example\.org"/);
    const { alertEmail: _, ...withoutAlerts } = realProd;
    assert.throws(() => validateStageConfig(withoutAlerts), /alertEmail is required/);
  });

  it('refuses two stages sharing a mail domain, or an account in one region', () => {
    const stages = { dev, prod: realProd };
    assert.equal(loadStageConfig('prod', stages), realProd);
    assert.throws(
      () =>
        loadStageConfig('prod', {
          ...stages,
          dev: {
            ...dev,
            mailDomain: realProd.mailDomain,
            intakeRecipients: realProd.intakeRecipients,
            senderAddress: realProd.senderAddress,
          },
        }),
      /Stage "prod": mailDomain intake\.stadt-musterstadt\.de is also stage "dev"'s/,
    );
    assert.throws(
      () => loadStageConfig('dev', { ...stages, dev: { ...dev, account: realProd.account } }),
      /Stage "dev": account 210987654321 in eu-west-1 is also stage "prod"'s/,
    );
    // Another region of the same account is another set of SES identities and receipt rules.
    assert.doesNotThrow(() =>
      loadStageConfig('dev', {
        ...stages,
        dev: { ...dev, account: realProd.account, region: 'eu-central-1' },
      }),
    );
  });

  it('names the known stages when asked for an unknown one', () => {
    assert.throws(() => loadStageConfig('staging'), /Unknown stage "staging"; known stages: dev, prod/);
  });

  it('rejects a region outside the EU', () => {
    invalid({ region: 'us-east-1' }, /region must be an EU region/);
  });

  it('rejects an account id that is not 12 digits', () => {
    invalid({ account: '1234' }, /account must be a 12-digit AWS account id/);
  });

  it('rejects recipients and senders outside the mail domain', () => {
    invalid({ intakeRecipients: [] }, /intakeRecipients must name at least one address/);
    invalid(
      { intakeRecipients: ['someone@example.com'] },
      /intakeRecipients must be lowercase addresses at intake\.example\.org/,
    );
    invalid({ intakeRecipients: ['Unterlagen@intake.example.org'] }, /intakeRecipients/);
    invalid(
      { senderAddress: 'noreply@elsewhere.org' },
      /senderAddress must be a lowercase address at intake\.example\.org/,
    );
  });

  it('accepts the bare mail domain as a recipient', () => {
    assert.doesNotThrow(() => validateStageConfig({ ...dev, intakeRecipients: [dev.mailDomain] }));
  });

  it('rejects retention that is not a whole number of days in range', () => {
    invalid({ inboundMailRetentionDays: 0 }, /inboundMailRetentionDays must be a whole number of days/);
    invalid({ documentRetentionDays: 1.5 }, /documentRetentionDays must be a whole number of days/);
    invalid({ noncurrentVersionRetentionDays: 5000 }, /noncurrentVersionRetentionDays/);
    invalid({ outboxRetentionDays: 0 }, /outboxRetentionDays must be a whole number of days/);
    invalid({ triageRetentionDays: 2.5 }, /triageRetentionDays must be a whole number of days/);
    invalid(
      { outboxRetentionDays: dev.documentRetentionDays + 1 },
      /outboxRetentionDays must be at most documentRetentionDays/,
    );
    invalid(
      { logRetentionDays: 10 as RetentionDays },
      /logRetentionDays must be a CloudWatch Logs retention value/,
    );
  });

  it('rejects concurrency that is not a whole number of executions', () => {
    invalid({ caseworkerApiConcurrency: 0 }, /caseworkerApiConcurrency must be a whole number/);
    invalid({ intakeStepConcurrency: 2.5 }, /intakeStepConcurrency must be a whole number/);
  });

  it('holds the office time zone and rejects a name that is not an IANA zone', () => {
    assert.equal(dev.officeTimeZone, 'Europe/Berlin');
    invalid({ officeTimeZone: 'Berlin' }, /officeTimeZone must be an IANA time zone/);
    invalid({ officeTimeZone: '' }, /officeTimeZone must be an IANA time zone/);
  });

  it('has a fee for every request type (not one for all), contact options, coalescing within the workflow’s hour', () => {
    assert.equal(dev.permitFees['residence-permit-extension'], '96 EUR');
    assert.equal(dev.permitFees['settlement-permit'], '113 EUR');
    const { 'eu-blue-card': _dropped, ...withoutBlueCard } = dev.permitFees;
    invalid(
      { permitFees: withoutBlueCard },
      /permitFees must name the fee of every request type; "eu-blue-card"/,
    );
    invalid(
      { permitFees: { ...dev.permitFees, visa: '75 EUR' } },
      /permitFees names an unknown request type "visa"/,
    );
    invalid({ officeContactOptions: [] }, /officeContactOptions must list at least one way/);
    invalid({ caseworkerCoalesceMinutes: 90 }, /caseworkerCoalesceMinutes must be 0 to 30 minutes/);
    assert.equal(dev.notifyOnImport, false);
  });

  it('rejects a malformed alert email and stage name', () => {
    invalid({ alertEmail: 'ops' }, /alertEmail must be an email address/);
    invalid({ stageName: 'Prod' }, /stageName must be/);
  });
});

describe('createApp stage selection', () => {
  it('builds dev by default and the stage named by the `stage` context value otherwise', () => {
    assert.equal(createApp({ bundle: false }).stateful.stackName, 'EmailIntake-dev-Stateful');
    const previous = process.env.CDK_CONTEXT_JSON;
    process.env.CDK_CONTEXT_JSON = JSON.stringify({ stage: 'prod' });
    try {
      // The shipped prod stage has placeholders: `cdk synth -c stage=prod` stops before any stack.
      assert.throws(
        () => createApp({ bundle: false }),
        /^StageConfigError: Stage "prod" is a production stage/,
      );
      const { stateful, stateless } = createApp({ bundle: false, config: realProd });
      assert.equal(stateful.stackName, 'EmailIntake-prod-Stateful');
      assert.equal(stateless.stackName, 'EmailIntake-prod-Stateless');
      assert.equal(stateful.account, '210987654321');
    } finally {
      if (previous === undefined) delete process.env.CDK_CONTEXT_JSON;
      else process.env.CDK_CONTEXT_JSON = previous;
    }
  });

  it('uses the stage config it is given', () => {
    const { stateful } = createApp({
      bundle: false,
      config: { ...dev, stageName: 'test', region: 'eu-central-1' },
    });
    assert.equal(stateful.stackName, 'EmailIntake-test-Stateful');
    assert.equal(stateful.region, 'eu-central-1');
  });
});
