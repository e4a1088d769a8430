import { LOCAL_ACCOUNT, LOCAL_REGION, type Template, type TemplateResolver } from './cloudformation.ts';

/**
 * A function's execution role as the synthesized templates define it, resolved to the local
 * names, so the local runtime can evaluate every SDK call the way IAM would on AWS.
 */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[] | PolicyStatement;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export interface FunctionIam {
  /** The function's logical id, as errors and reports name it. */
  readonly functionName: string;
  /** The caller IAM sees: the role's session named after the function, as Lambda's. */
  readonly principal: string;
  readonly account: string;
  readonly region: string;
  /** Every identity policy attached to the role: inline, `AWS::IAM::Policy` and managed ones. */
  readonly policies: readonly { readonly name: string; readonly document: PolicyDocument }[];
}

/** Reads the role of the Lambda function `functionLogicalId` and every policy attached to it. */
export function functionIam(
  templates: readonly Template[],
  resolver: TemplateResolver,
  functionLogicalId: string,
): FunctionIam {
  const resources = templates.flatMap((t) => Object.entries(t.Resources));
  const fn = resources.find(([id]) => id === functionLogicalId)?.[1];
  if (fn === undefined) throw new Error(`No function ${functionLogicalId} in the templates`);
  const roleId = logicalIdOf(fn.Properties?.Role);
  const role = resources.find(([id, r]) => id === roleId && r.Type === 'AWS::IAM::Role')?.[1];
  if (roleId === undefined || role === undefined) {
    throw new Error(`Function ${functionLogicalId} has no execution role in the templates`);
  }

  const policies: { name: string; document: PolicyDocument }[] = [];
  const inline = (role.Properties?.Policies ?? []) as { PolicyName: unknown; PolicyDocument: unknown }[];
  for (const policy of inline) {
    policies.push({
      name: String(resolver.resolve(policy.PolicyName)),
      document: resolver.resolve(policy.PolicyDocument) as PolicyDocument,
    });
  }
  for (const [id, resource] of resources) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    const roles = (resource.Properties?.Roles ?? []) as unknown[];
    if (!roles.some((r) => logicalIdOf(r) === roleId)) continue;
    policies.push({
      name: id,
      document: resolver.resolve(resource.Properties?.PolicyDocument) as PolicyDocument,
    });
  }
  for (const arn of (role.Properties?.ManagedPolicyArns ?? []) as unknown[]) {
    const id = logicalIdOf(arn);
    const managed = resources.find(([rid, r]) => rid === id && r.Type === 'AWS::IAM::ManagedPolicy')?.[1];
    // AWS-managed policies are not in the templates: refuse rather than guess what they allow.
    if (managed === undefined) {
      throw new Error(
        `Function ${functionLogicalId}: managed policy ${JSON.stringify(arn)} is not in the templates, so the local runtime cannot evaluate it`,
      );
    }
    if (!policies.some((p) => p.name === id)) {
      policies.push({
        name: id!,
        document: resolver.resolve(managed.Properties?.PolicyDocument) as PolicyDocument,
      });
    }
  }

  return {
    functionName: functionLogicalId,
    principal: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${roleId}/${functionLogicalId}`,
    account: LOCAL_ACCOUNT,
    region: LOCAL_REGION,
    policies,
  };
}

/** The logical id behind `{ Ref: X }` or `{ 'Fn::GetAtt': [X, 'Arn'] }`. */
function logicalIdOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** Every action an Allow statement names, for the "granted but never used" report. */
export function grantedActions(iam: FunctionIam): string[] {
  const actions = new Set<string>();
  for (const { document } of iam.policies) {
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    for (const statement of statements as PolicyStatement[]) {
      if (statement.Effect !== 'Allow' || statement.Action === undefined) continue;
      for (const action of [statement.Action].flat()) actions.add(action);
    }
  }
  return [...actions].sort();
}
