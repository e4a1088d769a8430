/**
 * Just enough CloudFormation to run the synthesized templates locally: resolving the intrinsic
 * functions CDK emits (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::ImportValue`, `Fn::Select`,
 * `Fn::Split`, pseudo parameters) to the names the local stand-ins use.
 */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'eu-west-1';

/** The local physical name of a resource: deterministic, valid as a bucket or table name. */
export function localPhysicalId(logicalId: string, type: string): string {
  switch (type) {
    case 'AWS::S3::Bucket':
      return `local-${logicalId.toLowerCase()}`.slice(0, 63);
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${logicalId}`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${logicalId}`;
    case 'AWS::Cognito::UserPool':
      // Pool ids are `<region>_<id>`; libraries that derive the issuer from one check the shape.
      return `${LOCAL_REGION}_${logicalId}`;
    case 'AWS::SecretsManager::Secret':
      // Ref of a secret is its ARN; AWS appends six random characters to the name.
      return `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${logicalId}-local`;
    default:
      return logicalId;
  }
}

function localArn(logicalId: string, type: string): string {
  switch (type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${logicalId}`;
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${localPhysicalId(logicalId, type)}`;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${logicalId}`;
    case 'AWS::KMS::Key':
      return `arn:aws:kms:${LOCAL_REGION}:${LOCAL_ACCOUNT}:key/${logicalId}`;
    case 'AWS::SQS::Queue':
      return `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${logicalId}`;
    case 'AWS::Logs::LogGroup':
      return `arn:aws:logs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:log-group:${logicalId}:*`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${logicalId}`;
    default:
      return localPhysicalId(logicalId, type);
  }
}

/** The Lambda ARN the local runtime gives a function, to find it again in a definition. */
export function localFunctionArn(logicalId: string): string {
  return localArn(logicalId, 'AWS::Lambda::Function');
}

/** Resolves intrinsic functions in templates that may import from each other. */
export class TemplateResolver {
  readonly #templates: readonly Template[];
  readonly #exports = new Map<string, unknown>();

  constructor(templates: readonly Template[]) {
    this.#templates = templates;
    for (const template of templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        const name = output.Export?.Name;
        if (typeof name === 'string') this.#exports.set(name, output.Value);
      }
    }
  }

  #typeOf(logicalId: string): string | undefined {
    return this.#resourceOf(logicalId)?.Type;
  }

  #resourceOf(logicalId: string): TemplateResource | undefined {
    for (const template of this.#templates) {
      const resource = template.Resources[logicalId];
      if (resource) return resource;
    }
    return undefined;
  }

  /** Resolves a value; throws on an intrinsic it does not know, rather than guess. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, argument] = entries[0]!;
      switch (key) {
        case 'Ref':
          return this.#ref(String(argument));
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = argument as [string, string];
          return this.#getAtt(logicalId, attribute);
        }
        case 'Fn::Join': {
          const [separator, parts] = argument as [string, unknown[]];
          return (this.resolve(parts) as unknown[]).join(separator);
        }
        case 'Fn::ImportValue': {
          const name = String(this.resolve(argument));
          if (!this.#exports.has(name)) throw new Error(`No stack exports ${name}`);
          return this.resolve(this.#exports.get(name));
        }
        case 'Fn::Select': {
          const [index, list] = argument as [number, unknown];
          return (this.resolve(list) as unknown[])[Number(index)];
        }
        case 'Fn::Split': {
          const [separator, text] = argument as [string, unknown];
          return String(this.resolve(text)).split(separator);
        }
        default:
          if (key.startsWith('Fn::')) throw new Error(`Unsupported intrinsic ${key}`);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  #ref(name: string): string {
    switch (name) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::Region':
        return LOCAL_REGION;
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'local';
    }
    const type = this.#typeOf(name);
    if (type === undefined) throw new Error(`Ref to unknown resource ${name}`);
    // SES names its identities and configuration sets as given; IAM grants name them so, too.
    const properties = this.#resourceOf(name)?.Properties ?? {};
    if (type === 'AWS::SES::EmailIdentity') return String(this.resolve(properties.EmailIdentity));
    // Ref of a hosted UI domain is its prefix (the console's sign-in URL is built from it).
    if (type === 'AWS::Cognito::UserPoolDomain') return String(this.resolve(properties.Domain));
    if (type === 'AWS::SES::ConfigurationSet' && properties.Name !== undefined) {
      return String(this.resolve(properties.Name));
    }
    return localPhysicalId(name, type);
  }

  #getAtt(logicalId: string, attribute: string): string {
    const type = this.#typeOf(logicalId);
    if (type === undefined) throw new Error(`GetAtt on unknown resource ${logicalId}`);
    if (attribute === 'Arn') return localArn(logicalId, type);
    if (attribute === 'QueueName' || attribute === 'TopicName' || attribute === 'Name') return logicalId;
    return `${logicalId}.${attribute}`;
  }
}
