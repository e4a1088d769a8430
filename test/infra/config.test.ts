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

describe('loadStageConfig', () => {
  it('knows dev and prod, both valid and both in eu-west-1', () => {
    assert.deepEqual([...STAGE_NAMES].sort(), ['dev', 'prod']);
    for (const stage of STAGE_NAMES) assert.equal(loadStageConfig(stage).region, 'eu-west-1');
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
    invalid(
      { logRetentionDays: 10 as RetentionDays },
      /logRetentionDays must be a CloudWatch Logs retention value/,
    );
  });

  it('rejects concurrency that is not a whole number of executions', () => {
    invalid({ caseworkerApiConcurrency: 0 }, /caseworkerApiConcurrency must be a whole number/);
    invalid({ intakeStepConcurrency: 2.5 }, /intakeStepConcurrency must be a whole number/);
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
      const { stateful, stateless } = createApp({ bundle: false });
      assert.equal(stateful.stackName, 'EmailIntake-prod-Stateful');
      assert.equal(stateless.stackName, 'EmailIntake-prod-Stateless');
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
