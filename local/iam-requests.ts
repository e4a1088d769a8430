/**
 * What IAM authorizes for one SDK command: the action(s), the resource ARN(s) and the request
 * context keys that conditions can test. AWS authorizes some commands as several requests
 * (CopyObject reads the source and writes the target; TransactWriteItems checks each item's own
 * action), and several commands as one action (multipart upload parts are s3:PutObject).
 *
 * Unknown commands are refused, not waved through: a new call must be mapped here first.
 */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

export interface CallerLocation {
  readonly account: string;
  readonly region: string;
}

type Input = Record<string, unknown>;

export class UnmappedCommandError extends Error {
  constructor(client: string, command: string) {
    super(
      `The local IAM check does not know ${client} ${command}; map it to its IAM action and resource in local/iam-requests.ts`,
    );
    this.name = 'UnmappedCommandError';
  }
}

/** The IAM requests of `command` (its class name) with `input`, sent through `client`. */
export function iamRequestsFor(
  client: string,
  command: string,
  input: Input,
  caller: CallerLocation,
): IamRequest[] {
  const service = SERVICE_OF_CLIENT[client];
  const map = service === undefined ? undefined : MAPPERS[service];
  const requests = map?.(command.replace(/Command$/, ''), input, caller);
  if (requests === undefined) throw new UnmappedCommandError(client, command);
  return requests;
}

const SERVICE_OF_CLIENT: Record<string, keyof typeof MAPPERS> = {
  S3Client: 's3',
  DynamoDBClient: 'dynamodb',
  DynamoDBDocumentClient: 'dynamodb',
  SESv2Client: 'ses',
  SFNClient: 'states',
  SecretsManagerClient: 'secretsmanager',
};

const request = (
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): IamRequest => ({
  action,
  resource,
  context,
});

const MAPPERS = {
  s3: s3Requests,
  dynamodb: dynamoDbRequests,
  ses: sesRequests,
  states: stepFunctionsRequests,
  secretsmanager: secretsManagerRequests,
} satisfies Record<
  string,
  (command: string, input: Input, caller: CallerLocation) => IamRequest[] | undefined
>;

const objectArn = (bucket: unknown, key: unknown): string => `arn:aws:s3:::${String(bucket)}/${String(key)}`;
const bucketArn = (bucket: unknown): string => `arn:aws:s3:::${String(bucket)}`;

/** `CopySource` is `bucket/key` (URL-encoded, optionally with a leading `/` and `?versionId=`). */
function copySourceArn(copySource: unknown): string {
  const [path] = String(copySource).replace(/^\//, '').split('?');
  return `arn:aws:s3:::${decodeURIComponent(path!)}`;
}

function s3Requests(command: string, input: Input): IamRequest[] | undefined {
  const object = objectArn(input.Bucket, input.Key);
  switch (command) {
    // HeadObject needs s3:GetObject; there is no s3:HeadObject action.
    case 'GetObject':
    case 'HeadObject':
      return [request('s3:GetObject', object)];
    // Every part of a multipart upload is authorized as s3:PutObject on the object.
    case 'PutObject':
    case 'CreateMultipartUpload':
    case 'UploadPart':
    case 'CompleteMultipartUpload':
      return [request('s3:PutObject', object)];
    case 'UploadPartCopy':
      return [request('s3:GetObject', copySourceArn(input.CopySource)), request('s3:PutObject', object)];
    case 'CopyObject':
      return [request('s3:GetObject', copySourceArn(input.CopySource)), request('s3:PutObject', object)];
    case 'AbortMultipartUpload':
      return [request('s3:AbortMultipartUpload', object)];
    case 'ListParts':
      return [request('s3:ListMultipartUploadParts', object)];
    case 'DeleteObject':
      return [request('s3:DeleteObject', object)];
    case 'DeleteObjects': {
      const objects = ((input.Delete as { Objects?: { Key?: string }[] } | undefined)?.Objects ?? []).map(
        (o) => request('s3:DeleteObject', objectArn(input.Bucket, o.Key)),
      );
      return objects;
    }
    case 'PutObjectTagging':
      return [request('s3:PutObjectTagging', object)];
    case 'GetObjectTagging':
      return [request('s3:GetObjectTagging', object)];
    case 'ListObjects':
    case 'ListObjectsV2': {
      const context: Record<string, string> = {};
      if (typeof input.Prefix === 'string') context['s3:prefix'] = input.Prefix;
      if (typeof input.Delimiter === 'string') context['s3:delimiter'] = input.Delimiter;
      if (typeof input.MaxKeys === 'number') context['s3:max-keys'] = String(input.MaxKeys);
      return [request('s3:ListBucket', bucketArn(input.Bucket), context)];
    }
    case 'HeadBucket':
      return [request('s3:ListBucket', bucketArn(input.Bucket))];
    case 'ListMultipartUploads':
      return [request('s3:ListBucketMultipartUploads', bucketArn(input.Bucket))];
    default:
      return undefined;
  }
}

/** lib-dynamodb's document commands are their base commands with plain JavaScript values. */
export const DOCUMENT_COMMANDS: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteStatement: 'ExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
};

/** What each part of a TransactWriteItems is authorized as. */
const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

function dynamoDbRequests(command: string, input: Input, caller: CallerLocation): IamRequest[] | undefined {
  const table = (name: unknown, index?: unknown): string =>
    `arn:aws:dynamodb:${caller.region}:${caller.account}:table/${String(name)}${
      typeof index === 'string' ? `/index/${index}` : ''
    }`;
  const base = DOCUMENT_COMMANDS[command] ?? command;
  switch (base) {
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
    case 'DescribeTable':
      return [request(`dynamodb:${base}`, table(input.TableName))];
    case 'Query':
    case 'Scan':
      return [request(`dynamodb:${base}`, table(input.TableName, input.IndexName))];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems ?? {}) as object).map((name) =>
        request(`dynamodb:${base}`, table(name)),
      );
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as Record<string, { TableName?: string }>[]).flatMap((item) =>
        Object.entries(item)
          .filter(([kind]) => TRANSACT_WRITE_ACTIONS[kind] !== undefined)
          .map(([kind, part]) => request(TRANSACT_WRITE_ACTIONS[kind]!, table(part.TableName))),
      );
    case 'TransactGetItems':
      return ((input.TransactItems ?? []) as { Get?: { TableName?: string } }[]).map((item) =>
        request('dynamodb:GetItem', table(item.Get?.TableName)),
      );
    default:
      return undefined;
  }
}

/** The domain part of an address, without a display name (`Office <intake@example.org>`). */
function domainOf(address: string): string {
  const bare = /<([^>]+)>/.exec(address)?.[1] ?? address;
  return bare
    .slice(bare.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

function sesRequests(command: string, input: Input, caller: CallerLocation): IamRequest[] | undefined {
  if (command !== 'SendEmail') return undefined;
  const from = typeof input.FromEmailAddress === 'string' ? input.FromEmailAddress : undefined;
  const identityArn =
    typeof input.FromEmailAddressIdentityArn === 'string'
      ? input.FromEmailAddressIdentityArn
      : from === undefined
        ? undefined
        : `arn:aws:ses:${caller.region}:${caller.account}:identity/${domainOf(from)}`;
  // Raw messages without FromEmailAddress take it from the MIME; this project always sets it.
  if (identityArn === undefined) return undefined;
  const context: Record<string, string> = from === undefined ? {} : { 'ses:FromAddress': from };
  const requests = [request('ses:SendEmail', identityArn, context)];
  // Sending through a configuration set is authorized on that set too.
  if (typeof input.ConfigurationSetName === 'string') {
    requests.push(
      request(
        'ses:SendEmail',
        `arn:aws:ses:${caller.region}:${caller.account}:configuration-set/${input.ConfigurationSetName}`,
        context,
      ),
    );
  }
  return requests;
}

function stepFunctionsRequests(command: string, input: Input): IamRequest[] | undefined {
  switch (command) {
    case 'StartExecution':
    case 'StartSyncExecution':
    case 'ListExecutions':
      return [request(`states:${command}`, String(input.stateMachineArn))];
    case 'DescribeExecution':
    case 'StopExecution':
    case 'GetExecutionHistory':
      return [request(`states:${command}`, String(input.executionArn))];
    default:
      return undefined;
  }
}

function secretsManagerRequests(
  command: string,
  input: Input,
  caller: CallerLocation,
): IamRequest[] | undefined {
  if (command !== 'GetSecretValue' && command !== 'DescribeSecret') return undefined;
  const id = String(input.SecretId);
  const arn = id.startsWith('arn:')
    ? id
    : `arn:aws:secretsmanager:${caller.region}:${caller.account}:secret:${id}`;
  return [request(`secretsmanager:${command}`, arn)];
}
