import type { LocalFunction } from './synthesized-app.ts';

/**
 * The variables the Lambda service itself sets in every function's environment (the reserved
 * ones, of which the local runtime sets those the code may read), beside the function's own from
 * its CDK definition. See "Defined runtime environment variables" in the Lambda developer guide.
 */
export const LAMBDA_RESERVED_VARIABLES = [
  'PATH',
  'TZ',
  'LANG',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
] as const;

/**
 * Where the SDK finds the stand-ins (`AWS_ENDPOINT_URL_<SERVICE>`): locally these replace AWS's
 * public endpoints, which a function on AWS reaches without any variable.
 */
export const LOCAL_ENDPOINT_VARIABLE = /^AWS_ENDPOINT_URL_[A-Z0-9_]+$/;

export function lambdaRuntimeEnvironment(
  fn: LocalFunction,
  region: string,
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
): Record<(typeof LAMBDA_RESERVED_VARIABLES)[number], string> {
  return {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    LANG: 'en_US.UTF-8',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.logicalId}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'local',
  };
}
