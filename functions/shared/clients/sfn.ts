import { SFNClient } from '@aws-sdk/client-sfn';

const endpoint = process.env.AWS_ENDPOINT_URL_SFN;

/** Step Functions, to start workflows, built once per container. */
export const stepFunctions = new SFNClient(endpoint ? { endpoint } : {});
