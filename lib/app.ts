import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadStageConfig, type StageConfig } from './config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface CreateAppOptions {
  /**
   * The stage to build.
   * @default - the stage named by the CDK context value `stage`, else `dev`
   */
  readonly config?: StageConfig;
  /**
   * Bundle the handlers with esbuild. Tests and the local runtime turn it off: they never deploy
   * the assets, and bundling seven functions costs seconds on every synth.
   * @default true
   */
  readonly bundle?: boolean;
  /**
   * Where the cloud assembly is written.
   * @default - the CDK CLI's `cdk.out`, or a fresh temporary directory outside the CLI
   */
  readonly outdir?: string;
}

export interface IntakeApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** cdk.json, whose context (feature flags) applies to in-process synths too, not only to the CLI. */
const CDK_JSON = resolve(import.meta.dirname, '..', 'cdk.json');

/**
 * The CDK app: the stateful and the stateless stack of one stage, checked by cdk-nag (AwsSolutions
 * and Serverless packs) during synthesis. An unacknowledged finding fails the synth.
 */
export function createApp(options: CreateAppOptions = {}): IntakeApp {
  const context: Record<string, unknown> = { ...cdkJsonContext() };
  // Bundling is skipped for stacks not in this list; empty means none is bundled.
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ context, ...(options.outdir === undefined ? {} : { outdir: options.outdir }) });

  const config = options.config ?? loadStageConfig(String(app.node.tryGetContext('stage') ?? 'dev'));
  const env = { account: config.account, region: config.region };
  const stackPrefix = `EmailIntake-${config.stageName}`;

  const stateful = new StatefulStack(app, `${stackPrefix}-Stateful`, {
    env,
    config,
    description: `Email intake (${config.stageName}): key, buckets, table, reply-address secret, workflow logs; termination protection on`,
  });
  const stateless = new StatelessStack(app, `${stackPrefix}-Stateless`, {
    env,
    config,
    stateful: {
      key: stateful.key,
      inboundBucket: stateful.inboundBucket,
      documentBucket: stateful.documentBucket,
      table: stateful.table,
      replyAddressSecret: stateful.replyAddressSecret,
      consoleSessionSecret: stateful.consoleSessionSecret,
      intakeWorkflowLogGroup: stateful.intakeWorkflowLogGroup,
      decisionWorkflowLogGroup: stateful.decisionWorkflowLogGroup,
    },
    description: `Email intake (${config.stageName}): functions, workflow, SES receiving and sending, alarms`,
  });

  // Cost allocation and inventory: every resource says what it belongs to.
  Tags.of(app).add('Project', 'email-intake');
  Tags.of(app).add('Stage', config.stageName);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stateful, stateless };
}

function cdkJsonContext(): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}
