import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LAMBDA_RESERVED_VARIABLES, LOCAL_ENDPOINT_VARIABLE } from '../../local/lambda-environment.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { resourcesOf, synthesize } from '../infra/synthesized-app.ts';

interface TemplateFunction {
  Properties: {
    Environment?: { Variables?: Record<string, unknown> };
    MemorySize?: number;
    Timeout?: number;
  };
}

/**
 * Locally a function gets exactly what its CDK definition gives it, plus what the Lambda service
 * itself sets and where the stand-ins are: a variable missing on AWS is missing here too.
 */
describe('the local runtime gives each function exactly its CDK environment', () => {
  let pipeline: TestPipeline;
  const templateFunctions = new Map<string, TemplateFunction>();

  before(async () => {
    pipeline = await startTestPipeline();
    // An independent synth (test/infra's), not the runtime's own reading of the templates.
    const { statefulTemplate, statelessTemplate } = synthesize({ validateTemplates: false });
    for (const template of [statefulTemplate, statelessTemplate])
      for (const [id, resource] of Object.entries(resourcesOf(template, 'AWS::Lambda::Function')))
        templateFunctions.set(id, resource as TemplateFunction);
  });

  after(async () => {
    await pipeline?.stop();
  });

  it('no function has a variable its template does not give it, beyond those Lambda sets', () => {
    const reserved = new Set<string>(LAMBDA_RESERVED_VARIABLES);
    assert.ok(pipeline.runtime.lambdas.size > 5);
    for (const [id, lambda] of pipeline.runtime.lambdas) {
      const template = templateFunctions.get(id);
      assert.ok(template, `${id} is not in the synthesized templates`);
      const declared = new Set(Object.keys(template.Properties.Environment?.Variables ?? {}));
      const extra = Object.keys(lambda.environment).filter(
        (name) => !declared.has(name) && !reserved.has(name) && !LOCAL_ENDPOINT_VARIABLE.test(name),
      );
      assert.deepEqual(extra, [], `${id} has variables its CDK definition does not give it`);
      const missing = [...declared].filter((name) => !(name in lambda.environment));
      assert.deepEqual(missing, [], `${id} lacks variables its CDK definition gives it`);
    }
  });

  it('each function runs with the memory size and timeout of its definition', () => {
    for (const [id, lambda] of pipeline.runtime.lambdas) {
      const { MemorySize = 128, Timeout = 3 } = templateFunctions.get(id)!.Properties;
      assert.deepEqual(lambda.limits, { memorySize: MemorySize, timeoutSeconds: Timeout }, id);
    }
  });

  it('MatchCase is given the reply-address secret as the mailers are, and it resolves through Secrets Manager', async () => {
    // Prepare
    const withSecret = [...pipeline.runtime.lambdas.entries()].filter(
      ([, l]) => l.environment.REPLY_ADDRESS_SECRET_ARN !== undefined,
    );
    const matchCase = [...pipeline.runtime.lambdas.entries()].find(([id]) => /MatchCase/i.test(id));
    const client = new SecretsManagerClient({
      endpoint: pipeline.runtime.endpoints.secretsManager,
      region: pipeline.runtime.description.region,
      credentials: pipeline.runtime.description.credentials,
    });

    // Act
    const secret = await client.send(
      new GetSecretValueCommand({ SecretId: matchCase![1].environment.REPLY_ADDRESS_SECRET_ARN }),
    );
    client.destroy();

    // Assess
    assert.ok(matchCase, 'no MatchCase function');
    assert.ok(withSecret.length >= 2, 'the mailers and MatchCase');
    assert.ok(withSecret.some(([id]) => id === matchCase[0]));
    assert.match(secret.SecretString ?? '', /^[A-Za-z0-9]{48}$/);
    assert.ok(
      Object.values(pipeline.runtime.lambdas.get(matchCase[0])!.environment).every(
        (v) => v !== secret.SecretString,
      ),
    );
  });

  it('a local override of a variable no function has is refused', async () => {
    await assert.rejects(
      startTestPipeline({ lambdaEnvironment: { REPLY_ADDRESS_SECRET: 'handed-over' } }),
      /No function of the CDK app has REPLY_ADDRESS_SECRET/,
    );
  });
});
