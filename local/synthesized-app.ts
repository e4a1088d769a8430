import type { LocalSecret } from './secrets-manager-service.ts';
import { statesByName } from './state-definitions.ts';
import {
  localFunctionArn,
  TemplateResolver,
  type Template,
  type TemplateResource,
} from './cloudformation.ts';
import { functionIam, type FunctionIam } from './iam-policies.ts';
import { readCachedSynth, synthInputsHash, writeCachedSynth, type CachedSynth } from './synth-cache.ts';

/**
 * The CDK app, synthesized in-process without bundling, read for what the local runtime needs.
 * The CDK app is the single source of truth: the local state machine, tables, buckets, receipt
 * rule and every function's environment come from its templates, never from a copy.
 */
export interface LocalFunction {
  readonly logicalId: string;
  /** Absolute path of the handler file. */
  readonly entry: string;
  /** The function's environment variables, resolved to local names. */
  readonly environment: Record<string, string>;
  /** Lambda's MemorySize (MB) and Timeout (seconds), with Lambda's defaults where unset. */
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  /** Lambda's instruction set (`arm64` or `x86_64`, Lambda's default where unset). */
  readonly architecture: string;
  /** The function's execution role and its policies, resolved to local names. */
  readonly iam: FunctionIam;
}

export interface LocalStateMachine {
  readonly logicalId: string;
  readonly arn: string;
  /** The Amazon States Language definition with every intrinsic resolved. */
  readonly definition: Record<string, unknown>;
  /** Task state name → logical id of the Lambda function it invokes. */
  readonly taskFunctions: Record<string, string>;
}

export interface LocalReceiptRule {
  /** Addresses or domains the rule accepts mail for. */
  readonly recipients: readonly string[];
  readonly bucket: string;
  readonly objectKeyPrefix: string;
  /** The SNS topic the S3 action notifies, if any. */
  readonly topicArn: string | null;
}

export interface SynthesizedApp {
  readonly functions: ReadonlyMap<string, LocalFunction>;
  readonly stateMachines: readonly LocalStateMachine[];
  /** Local bucket names by logical id. */
  readonly buckets: ReadonlyMap<string, string>;
  /** DynamoDB table definitions (CloudFormation properties, resolved) by local table name. */
  readonly tables: ReadonlyMap<string, Record<string, unknown>>;
  readonly receiptRules: readonly LocalReceiptRule[];
  /** The functions that receipt notifications reach (SES → SNS → SQS → function), by logical id. */
  readonly notificationConsumers: readonly string[];
  /** The Secrets Manager secrets the app defines. */
  readonly secrets: readonly LocalSecret[];
  /** EventBridge schedules (`rate(...)`) and the function each invokes. */
  readonly schedules: readonly LocalSchedule[];
  readonly resolver: TemplateResolver;
}

function resourcesOfType(templates: readonly Template[], type: string): [string, TemplateResource][] {
  return templates.flatMap((t) => Object.entries(t.Resources).filter(([, r]) => r.Type === type));
}

/** An EventBridge rule on a schedule that invokes a function of the app. */
export interface LocalSchedule {
  /** The rule's logical id (tests shorten a schedule by it, see LocalRuntimeOptions). */
  readonly ruleId: string;
  /** The function's logical id. */
  readonly functionId: string;
  readonly periodMs: number;
}

const RATE_UNITS_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** `rate(1 hour)` as milliseconds; a cron expression is refused (the local runtime runs none yet). */
export function ratePeriodMs(expression: string): number {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (match === null) throw new Error(`The local runtime runs rate(...) schedules only, not ${expression}`);
  return Number(match[1]) * RATE_UNITS_MS[match[2]!]!;
}

/**
 * Synthesizes the CDK app (or takes the synth cached for exactly these sources, see
 * local/synth-cache.ts) and reads it. aws-cdk-lib is imported only when a synth is needed.
 */
export async function synthesizeApp(): Promise<SynthesizedApp> {
  const key = synthInputsHash();
  let synth = readCachedSynth(key);
  if (synth === undefined) {
    const { synthesizeTemplates } = await import('./synthesize-templates.ts');
    synth = synthesizeTemplates();
    writeCachedSynth(key, synth);
  }
  return readSynth(synth);
}

function readSynth(synth: CachedSynth): SynthesizedApp {
  const templates = synth.templates as Template[];
  const resolver = new TemplateResolver(templates);
  const entries = new Map(synth.entries);

  const functions = new Map<string, LocalFunction>();
  for (const [logicalId, resource] of resourcesOfType(templates, 'AWS::Lambda::Function')) {
    const entry = entries.get(logicalId);
    if (entry === undefined) continue; // CDK's own helper functions have no local counterpart
    const variables =
      (resource.Properties?.Environment as { Variables?: unknown } | undefined)?.Variables ?? {};
    functions.set(logicalId, {
      logicalId,
      entry,
      environment: resolver.resolve(variables) as Record<string, string>,
      memorySize: Number(resource.Properties?.MemorySize ?? 128),
      timeoutSeconds: Number(resource.Properties?.Timeout ?? 3),
      architecture: ((resource.Properties?.Architectures as string[] | undefined) ?? ['x86_64'])[0]!,
      iam: functionIam(templates, resolver, logicalId),
    });
  }

  const stateMachines = resourcesOfType(templates, 'AWS::StepFunctions::StateMachine').map(
    ([logicalId, resource]) => {
      const definition = JSON.parse(
        String(resolver.resolve(resource.Properties?.DefinitionString)),
      ) as Record<string, unknown>;
      return {
        logicalId,
        arn: String(resolver.resolve({ Ref: logicalId })),
        definition,
        taskFunctions: taskFunctionsOf(definition, functions),
      };
    },
  );

  const buckets = new Map(
    resourcesOfType(templates, 'AWS::S3::Bucket').map(([id]) => [id, String(resolver.resolve({ Ref: id }))]),
  );
  const tables = new Map(
    resourcesOfType(templates, 'AWS::DynamoDB::Table')
      .concat(resourcesOfType(templates, 'AWS::DynamoDB::GlobalTable'))
      .map(([id, resource]) => [String(resolver.resolve({ Ref: id })), resource.Properties ?? {}]),
  );

  const receiptRules = resourcesOfType(templates, 'AWS::SES::ReceiptRule').flatMap(([, resource]) => {
    const rule = resolver.resolve(resource.Properties?.Rule) as {
      Recipients?: string[];
      Actions?: { S3Action?: { BucketName: string; ObjectKeyPrefix?: string; TopicArn?: string } }[];
    };
    return (rule.Actions ?? [])
      .filter((a) => a.S3Action !== undefined)
      .map((a) => ({
        recipients: (rule.Recipients ?? []).map((r) => r.toLowerCase()),
        bucket: a.S3Action!.BucketName,
        objectKeyPrefix: a.S3Action!.ObjectKeyPrefix ?? '',
        topicArn: a.S3Action!.TopicArn ?? null,
      }));
  });

  // SES → SNS topic (the S3 action's) → SQS queue → the functions consuming that queue.
  const receiptTopics = new Set(
    receiptRules.map((rule) => rule.topicArn).filter((t): t is string => t !== null),
  );
  const receiptQueues = new Set(
    resourcesOfType(templates, 'AWS::SNS::Subscription')
      .map(
        ([, resource]) =>
          resolver.resolve(resource.Properties) as { TopicArn: string; Protocol: string; Endpoint: string },
      )
      .filter((sub) => sub.Protocol === 'sqs' && receiptTopics.has(sub.TopicArn))
      .map((sub) => sub.Endpoint),
  );
  const notificationConsumers = resourcesOfType(templates, 'AWS::Lambda::EventSourceMapping')
    .map(
      ([, resource]) =>
        resolver.resolve(resource.Properties) as { FunctionName: string; EventSourceArn: string },
    )
    .filter((mapping) => receiptQueues.has(mapping.EventSourceArn) && functions.has(mapping.FunctionName))
    .map((mapping) => mapping.FunctionName);

  const secrets = resourcesOfType(templates, 'AWS::SecretsManager::Secret').map(([logicalId, resource]) => {
    const generate = (resource.Properties?.GenerateSecretString ?? {}) as {
      PasswordLength?: number;
      ExcludePunctuation?: boolean;
    };
    return {
      arn: String(resolver.resolve({ Ref: logicalId })),
      name: logicalId,
      length: generate.PasswordLength ?? 32,
      excludePunctuation: generate.ExcludePunctuation ?? false,
    };
  });

  const schedules = resourcesOfType(templates, 'AWS::Events::Rule')
    .filter(([, rule]) => typeof rule.Properties?.ScheduleExpression === 'string')
    .flatMap(([ruleId, rule]) =>
      ((rule.Properties!.Targets ?? []) as { Arn: unknown }[]).flatMap((target) => {
        const getAtt = (target.Arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
        const functionId = getAtt?.[0];
        if (functionId === undefined || !functions.has(functionId)) return [];
        return [{ ruleId, functionId, periodMs: ratePeriodMs(String(rule.Properties!.ScheduleExpression)) }];
      }),
    );

  return {
    schedules,
    functions,
    stateMachines,
    buckets,
    tables,
    receiptRules,
    notificationConsumers,
    secrets,
    resolver,
  };
}

/** Finds, for every Task state (in branches and iterators too), the function it invokes. */
function taskFunctionsOf(
  definition: Record<string, unknown>,
  functions: ReadonlyMap<string, LocalFunction>,
): Record<string, string> {
  const byArn = new Map([...functions.keys()].map((id) => [localFunctionArn(id), id]));
  const bound: Record<string, string> = {};
  for (const [name, state] of statesByName(definition)) {
    if (state.Type !== 'Task') continue;
    const parameters = state.Parameters as { FunctionName?: string } | undefined;
    const target = byArn.get(String(state.Resource)) ?? byArn.get(String(parameters?.FunctionName ?? ''));
    if (target === undefined) {
      throw new Error(`Task state ${name} invokes ${String(state.Resource)}, which has no local handler`);
    }
    bound[name] = target;
  }
  return bound;
}
