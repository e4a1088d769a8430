import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { join, resolve } from 'node:path';
import { nagResourceId } from '../nag-reference.ts';
import { TABLE_INDEXES } from '../table-design.ts';

/** The repository root: esbuild's project root and where package-lock.json lives. */
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * How a function is invoked, which decides where its failures go:
 * - `state-machine`: synchronously by Step Functions; the workflow's Catch handles failures.
 * - `queue`: by an SQS event source mapping; the source queue's redrive policy handles them.
 * - `asynchronous`: by an AWS service or `InvocationType: Event`; the function gets its own DLQ.
 * - `api`: synchronously by API Gateway; the caller receives the error.
 */
export type Invocation = 'state-machine' | 'queue' | 'asynchronous' | 'api';

/** Read or read-and-write access to a table or bucket. */
export type DataAccess = 'read' | 'readWrite';

/** The item-level DynamoDB actions a function may be granted (`npm run iam-report` checks use). */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

const TABLE_ACTIONS: Record<DataAccess, readonly TableAction[]> = {
  read: ['GetItem', 'BatchGetItem', 'Query'],
  readWrite: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
};
const TABLE_WRITES: readonly TableAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

/**
 * Object access by key pattern (`outbox/*`, `*` for every object): what a function may read,
 * write, delete, and abort multipart uploads of. A function that reads also gets s3:ListBucket.
 */
export interface ObjectAccess {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
  readonly delete?: readonly string[];
  /** Where lib-storage uploads in parts: an upload that fails midway is aborted, not left billed. */
  readonly abortUploads?: readonly string[];
}

const OBJECT_ACCESS: Record<DataAccess, ObjectAccess> = {
  read: { read: ['*'] },
  readWrite: { read: ['*'], write: ['*'], delete: ['*'], abortUploads: ['*'] },
};

export interface IntakeFunctionProps {
  /** Absolute path of the handler file; it exports `handler`. */
  readonly entry: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** How the function is invoked (see `Invocation`). */
  readonly invokedBy: Invocation;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
  /** `POWERTOOLS_SERVICE_NAME`, the `service` field of every log line and metric. */
  readonly serviceName: string;
  /**
   * `POWERTOOLS_METRICS_NAMESPACE`: where the function's custom metrics (embedded metric format
   * in its log) appear in CloudWatch.
   * @default - none; a function that publishes metrics then uses Powertools' default namespace
   */
  readonly metricsNamespace?: string;
  /**
   * Memory in MB (CPU scales with it).
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Maximum run time of one invocation.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Concurrent executions reserved for (and the most allowed to) the function.
   * @default - none reserved: the function shares the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Extra environment variables.
   * @default - none besides those the bind methods set
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Key encrypting the dead-letter queue of an `asynchronous` function. Required for it.
   * @default - no DLQ (the function is not invoked asynchronously)
   */
  readonly deadLetterQueueKey?: kms.IKey;
  /**
   * Packages installed beside the bundle instead of bundled (native binaries, worker scripts and
   * data files that esbuild cannot inline), at the versions of package-lock.json.
   * @default - none: everything is bundled
   */
  readonly nodeModules?: readonly string[];
  /**
   * The processor architecture. A function with native packages in `nodeModules` runs on the
   * architecture they are installed for at bundling time (x86_64 on the build machines).
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;
}

/**
 * The esbuild options of every IntakeFunction, in one place so that the cold-start benchmark
 * (bench/cold-start.ts) measures the bundle the construct deploys, not a copy of its settings.
 */
export function intakeBundling(nodeModules?: readonly string[]): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node24',
    // No source map: shipped, it was three quarters of every zip (1.5 MB instead of 0.4 for a
    // mailer) and --enable-source-maps parses it on every cold start (+100–200 ms); stack traces
    // name minified positions in index.mjs instead (bench/cold-start.ts --source-maps).
    sourceMap: false,
    minify: true,
    mainFields: ['module', 'main'],
    // mailparser and other dependencies are CommonJS and call require(); ESM has none. The import
    // is aliased: a handler importing createRequire itself (tesseract-ocr.ts, console/assets.ts)
    // would otherwise declare it twice once esbuild keeps names (an unminified build).
    banner:
      "import { createRequire as bannerCreateRequire } from 'module'; const require = bannerCreateRequire(import.meta.url);",
    // Bundle the AWS SDK too: the handlers run with the SDK versions the tests ran with, not
    // whichever the Lambda runtime ships (lib-storage is not in the runtime at all).
    externalModules: [],
    ...(nodeModules === undefined ? {} : { nodeModules: [...nodeModules] }),
    logLevel: LogLevel.WARNING,
  };
}

/** The sending side of SES a function may use (see `OutboundMail`). */
export interface EmailSending {
  /** ARN of the verified SES identity (the mail domain). */
  readonly identityArn: string;
  /** Name of the configuration set every message must name. */
  readonly configurationSetName: string;
  /** ARN of that configuration set. */
  readonly configurationSetArn: string;
  /** From address of automatic mail. */
  readonly senderAddress: string;
}

/**
 * The house Lambda function: Node.js 24 on arm64, minified ESM bundle, X-Ray tracing,
 * its own log group with the stage's retention, its own role with no managed policies, and bind
 * methods that set an environment variable and the matching least-privilege grant in one call.
 *
 * The local runtime finds every `IntakeFunction` in the construct tree and runs `entry` in place
 * of the deployed bundle.
 */
export class IntakeFunction extends Construct {
  /** Absolute path of the handler file. */
  readonly entry: string;
  /** How esbuild bundles `entry` (see `intakeBundling`); `npm run bench` bundles with the same. */
  readonly bundling: BundlingOptions;
  /** The Lambda function. */
  readonly lambda: NodejsFunction;
  /** The function's log group. */
  readonly logGroup: logs.LogGroup;
  /** The function's execution role. */
  readonly role: iam.Role;
  /** Dead-letter queue of an asynchronously invoked function; undefined otherwise. */
  readonly deadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: IntakeFunctionProps) {
    super(scope, id);
    this.entry = props.entry;
    this.bundling = intakeBundling(props.nodeModules);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: props.logRetention });
    // An explicit role instead of AWSLambdaBasicExecutionRole: that managed policy may create log
    // groups and write to any of them; this role may write to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    if (props.invokedBy === 'asynchronous') {
      if (props.deadLetterQueueKey === undefined) {
        throw new Error(
          `IntakeFunction ${id}: an asynchronous function needs deadLetterQueueKey for its DLQ`,
        );
      }
      this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.deadLetterQueueKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(this.deadLetterQueue).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This is the dead-letter queue of the function’s failed asynchronous invocations.',
      });
    }

    this.lambda = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      logGroup: this.logGroup,
      role: this.role,
      ...(this.deadLetterQueue === undefined ? {} : { deadLetterQueue: this.deadLetterQueue }),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        // Declared here so operators (and the local runtime) change a value, never add a variable.
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_DISABLED: 'false',
        ...(props.metricsNamespace === undefined
          ? {}
          : { POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace }),
        ...props.environment,
      },
      bundling: this.bundling,
    });

    if (this.deadLetterQueue !== undefined && props.deadLetterQueueKey !== undefined) {
      // Lambda adds sqs:SendMessage itself; writing to an encrypted queue needs the key too.
      this.#grantKeyVia(props.deadLetterQueueKey, 'sqs', ['kms:GenerateDataKey']);
    }

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });
    if (props.invokedBy !== 'asynchronous') {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: {
          'state-machine':
            'Invoked synchronously by Step Functions; a failure is caught by the workflow (HoldForPerson), a Lambda DLQ would never receive anything.',
          queue:
            'Invoked by an SQS event source mapping; failed messages go to the source queue’s dead-letter queue, a Lambda DLQ would never receive anything.',
          api: 'Invoked synchronously by API Gateway; the caller receives the error, a Lambda DLQ would never receive anything.',
        }[props.invokedBy],
      });
    }
  }

  /**
   * Sets `TABLE_NAME` and grants item access to the table and its indexes (and its key): `read`,
   * `readWrite`, or exactly the listed actions. No batch writes and no condition checks: no code
   * uses them (the report of `npm run iam-report` would list them).
   */
  bindTable(table: dynamodb.ITable, access: DataAccess | readonly TableAction[]): this {
    this.lambda.addEnvironment('TABLE_NAME', table.tableName);
    const actions = typeof access === 'string' ? TABLE_ACTIONS[access] : access;
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [
          table.tableArn,
          ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );
    if (table.encryptionKey !== undefined) {
      const writes = actions.some((action) => TABLE_WRITES.includes(action));
      this.#grantKeyVia(
        table.encryptionKey,
        'dynamodb',
        writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : [],
      );
    }
    return this;
  }

  /**
   * Sets `envName` to the bucket's name and grants reading (and with `readWrite` writing) the tags
   * of the objects under `prefix`: the malware scan's result is an object tag, and a copy that
   * keeps an object's tags reads them at the source and writes them at the target. Tags are not
   * encrypted: no key use is needed. No function may write tags under the scanned prefix: only
   * the scanner says what a scan found.
   */
  grantObjectTags(envName: string, bucket: s3.IBucket, prefix: string, access: DataAccess): this {
    this.lambda.addEnvironment(envName, bucket.bucketName);
    const objects = bucket.arnForObjects(`${prefix}*`);
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === 'read' ? ['s3:GetObjectTagging'] : ['s3:GetObjectTagging', 's3:PutObjectTagging'],
        resources: [objects],
      }),
    );
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[${nagResourceId(this, objects)}]`,
      reason: `Object tag permissions need an object ARN pattern; limited to ${prefix || 'the objects'} of ${envName}, with named actions only.`,
    });
    return this;
  }

  /**
   * Sets `envName` to the bucket's name and grants object access (and use of its key): `read`
   * or `readWrite` on every object, or per key pattern (the mailers write `outbox/*` only).
   */
  bindBucket(envName: string, bucket: s3.IBucket, access: DataAccess | ObjectAccess): this {
    this.lambda.addEnvironment(envName, bucket.bucketName);
    const grants = typeof access === 'string' ? OBJECT_ACCESS[access] : access;
    const byPattern = new Map<string, string[]>();
    const grant = (patterns: readonly string[] | undefined, action: string): void => {
      for (const pattern of patterns ?? [])
        byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), action]);
    };
    grant(grants.read, 's3:GetObject');
    grant(grants.write, 's3:PutObject');
    grant(grants.delete, 's3:DeleteObject');
    grant(grants.abortUploads, 's3:AbortMultipartUpload');
    for (const [pattern, actions] of byPattern) {
      const objects = bucket.arnForObjects(pattern);
      this.lambda.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [objects] }));
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[${nagResourceId(this, objects)}]`,
        reason: `Object permissions need an object ARN pattern; limited to the objects ${pattern} of ${envName}, with named actions only.`,
      });
    }
    if ((grants.read ?? []).length > 0) {
      // ListBucket turns a missing key into 404 instead of 403, so "not there yet" is not mistaken
      // for "not allowed". Only readers need it.
      this.lambda.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      );
    }
    if (bucket.encryptionKey !== undefined) {
      // Reading an SSE-KMS object decrypts its data key; writing one (multipart) needs both.
      const writes = (grants.write ?? []).length > 0;
      this.#grantKeyVia(bucket.encryptionKey, 's3', writes ? ['kms:GenerateDataKey'] : []);
    }
    return this;
  }

  /**
   * Sets `envName` to the bucket's name and grants deleting objects under `prefixes` only (no
   * reading, no writing): what erasure on request needs. Deleting needs no use of the bucket key.
   */
  bindObjectDeletion(envName: string, bucket: s3.IBucket, prefixes: readonly string[]): this {
    this.lambda.addEnvironment(envName, bucket.bucketName);
    const objects = prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: objects }),
    );
    Validations.of(this).acknowledge(
      ...objects.map((arn) => ({
        id: `AwsSolutions-IAM5[${nagResourceId(this, arn)}]`,
        reason: `Deleting objects needs an object ARN pattern; limited to one prefix of ${envName}, DeleteObject only.`,
      })),
    );
    return this;
  }

  /**
   * Grants `dynamodb:Scan` on the table itself (not its indexes): erasure must find every case
   * holding a document with the same content hash, and documents are keyed by case.
   */
  grantTableScan(table: dynamodb.ITable): this {
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [table.tableArn] }),
    );
    return this;
  }

  /**
   * Sets `variable` (default `STATE_MACHINE_ARN`) to the state machine's ARN and grants
   * `states:StartExecution` on that state machine only, with use of its key for that state
   * machine only.
   */
  bindStateMachine(
    stateMachine: sfn.IStateMachine,
    encryptionKey: kms.IKey,
    variable = 'STATE_MACHINE_ARN',
  ): this {
    this.lambda.addEnvironment(variable, stateMachine.stateMachineArn);
    stateMachine.grantStartExecution(this.lambda);
    // The execution input is encrypted with the state machine's key as it starts.
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [encryptionKey.keyArn],
        conditions: {
          StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': stateMachine.stateMachineArn },
        },
      }),
    );
    return this;
  }

  /**
   * Sets `SES_CONFIGURATION_SET` and `INTAKE_FROM_ADDRESS` and grants sending through that
   * identity and configuration set only.
   */
  bindEmailSending(sending: EmailSending): this {
    this.lambda.addEnvironment('SES_CONFIGURATION_SET', sending.configurationSetName);
    this.lambda.addEnvironment('INTAKE_FROM_ADDRESS', sending.senderAddress);
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        // SES v2 SendEmail (raw content included) is authorized as ses:SendEmail; SendRawEmail is v1's.
        actions: ['ses:SendEmail'],
        resources: [sending.identityArn, sending.configurationSetArn],
      }),
    );
    return this;
  }

  /** Adds one environment variable (for settings that are not a grant). */
  addEnvironment(name: string, value: string): this {
    this.lambda.addEnvironment(name, value);
    return this;
  }

  /**
   * Sets `envName` to the secret's ARN and grants reading its value (the function reads it at
   * load). Not `grantRead`: that adds secretsmanager:DescribeSecret, which nothing calls.
   */
  bindSecret(envName: string, secret: secretsmanager.ISecret): this {
    this.lambda.addEnvironment(envName, secret.secretArn);
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    // A secret encrypted with a customer key needs kms:Decrypt on it too.
    secret.encryptionKey?.grantDecrypt(this.lambda);
    return this;
  }

  /** Decrypt (plus `extraActions`) on `key`, only when the call comes through `service`. */
  #grantKeyVia(key: kms.IKey, service: 's3' | 'dynamodb' | 'sqs', extraActions: string[]): void {
    this.lambda.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:DescribeKey', ...extraActions],
        resources: [key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `${service}.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
  }
}
